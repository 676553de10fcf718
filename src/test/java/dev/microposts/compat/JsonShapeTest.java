package dev.microposts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonShapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSameShapeBreaksNothing() {
        assertThat(breaks("{\"a\":1,\"b\":{\"c\":\"x\"}}", "{\"a\":2,\"b\":{\"c\":\"y\"}}"))
                .isEmpty();
    }

    @Test
    void aRemovedFieldIsNamedByItsPath() {
        assertThat(breaks("{\"author\":{\"id\":7,\"display_name\":\"Ada\"}}", "{\"author\":{\"id\":7}}"))
                .containsExactly("lost field 'author.display_name'");
    }

    @Test
    void aRetypedFieldSaysFromWhatToWhat() {
        assertThat(breaks("{\"post_id\":42}", "{\"post_id\":\"42\"}"))
                .containsExactly("retyped field 'post_id' from number to string");
        assertThat(breaks("{\"media_ids\":[\"m\"]}", "{\"media_ids\":\"m\"}"))
                .containsExactly("retyped field 'media_ids' from array to string");
    }

    @Test
    void anAddedFieldIsAllowed() {
        assertThat(breaks("{\"a\":1}", "{\"a\":1,\"b\":true,\"c\":{\"d\":[]}}")).isEmpty();
    }

    @Test
    void aFieldThatWasNullMayNowCarryAnyType() {
        assertThat(breaks("{\"referenced_id\":null}", "{\"referenced_id\":41}")).isEmpty();
        assertThat(breaks("{\"referenced_id\":null}", "{\"referenced_id\":{\"id\":41}}"))
                .isEmpty();
    }

    @Test
    void aValueThatBecomesNullBreaksAReaderThatExpectsIt() {
        assertThat(breaks("{\"text\":\"hello\"}", "{\"text\":null}"))
                .containsExactly("retyped field 'text' from string to null");
    }

    @Test
    void theElementsOfAnArrayAreComparedByTheirFirst() {
        assertThat(breaks("{\"items\":[{\"id\":1,\"name\":\"a\"}]}", "{\"items\":[{\"id\":1}]}"))
                .containsExactly("lost field 'items[].name'");
        assertThat(breaks("{\"items\":[1]}", "{\"items\":[]}")).isEmpty();
    }

    @Test
    void everyBreakIsReported() {
        assertThat(breaks("{\"a\":1,\"b\":\"x\",\"c\":true}", "{\"b\":2,\"c\":true}"))
                .containsExactly("lost field 'a'", "retyped field 'b' from string to number");
    }

    private static List<String> breaks(String sample, String current) {
        JsonNode released = JSON.readTree(sample);
        JsonNode today = JSON.readTree(current);
        return JsonShape.breaks(released, today);
    }
}
