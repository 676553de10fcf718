package dev.microposts.timeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.compat.CompatSamples;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.ObjectMapper;

/**
 * The fan-out payloads each release enqueued are still read by today's handler, and today's producers still
 * enqueue what each release's handler reads. Both shapes have a sample: the open range a listener or a full batch
 * sends, and the closed range a large audience is cut into.
 */
@SpringBootTest(classes = JacksonAutoConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class FanoutTaskSamplesTest {

    private static final String OPEN = "fanout.json";
    private static final String RANGE = "fanout.range.json";

    @Autowired
    ObjectMapper json;

    static String today(String name) {
        return name.equals(OPEN) ? FanoutHandler.payload(42, 7, 1500) : FanoutHandler.payload(42, 7, 1000, 1500);
    }

    @Test
    void writesTodaysSamplesOnlyWhenAsked() {
        long written = Stream.of(OPEN, RANGE)
                .filter(name -> CompatSamples.writeIfAsked(json, CompatSamples.TASKS, name, today(name)))
                .count();
        assertThat(written).isEqualTo(System.getProperty(CompatSamples.WRITE_PROPERTY) == null ? 0 : 2);
    }

    static Stream<Arguments> everySample() {
        return CompatSamples.releases().stream().flatMap(release -> Stream.of(OPEN, RANGE)
                .flatMap(name -> CompatSamples.file(release, CompatSamples.TASKS, name).stream()
                        .map(file -> Arguments.of(release, name, file))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySample")
    void todaysHandlerReadsTheSample(String release, String name, Path sample) {
        FanoutHandler.Fanout fanout = FanoutHandler.read(json, CompatSamples.text(sample));

        assertThat(fanout.postId()).isEqualTo(42);
        assertThat(fanout.authorId()).isEqualTo(7);
        if (name.equals(OPEN)) {
            assertThat(fanout.afterFollowId()).isEqualTo(1500);
            assertThat(fanout.untilFollowId()).as("an open range").isNull();
        } else {
            assertThat(fanout.afterFollowId()).isEqualTo(1000);
            assertThat(fanout.untilFollowId()).isEqualTo(1500L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void todaysProducersKeepTheShapeOfTheNewestRelease(String name) {
        CompatSamples.assertTaskKeepsShape(json, name, today(name));
    }

    static Stream<String> names() {
        return Stream.of(OPEN, RANGE);
    }
}
