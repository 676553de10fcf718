package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.storage.Storage;
import dev.microposts.support.ApiTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A part's spec in the real {@code media_parts} table: a row written by the earlier, untyped code still claims
 * with the streams and rungs it was planned with, and what is written now has the same JSON shape, so processes
 * of both versions can work on one item during a rolling upgrade.
 */
class PartSpecRowsTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MediaStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Storage storage;

    @Autowired
    TransactionTemplate transaction;

    private UUID id;

    @AfterEach
    void removeItem() {
        if (id != null) {
            store.remove(List.of(id));
        }
    }

    /** An item whose probe this test holds, so no worker runs it: the test plays the pipeline itself. */
    private UUID probeHeldByThisTest() {
        id = new DirectItems(jdbc, storage, store, transaction)
                .withProbeHeld(api.newUser("partspec"), Duration.ofHours(1));
        return id;
    }

    @Test
    void aPartWrittenByTheEarlierCodeIsClaimedWithItsPlan() {
        UUID item = probeHeldByThisTest();
        String written = "{\"video_stream\": 0, \"audio_stream\": 1, \"rungs\": [{\"size\": 360, \"width\": 640,"
                + " \"height\": 360, \"frame_rate\": 25.0, \"video_kbps\": 403, \"audio_kbps\": 96}]}";
        jdbc.sql("insert into media_parts (media_id, part, spec, queued_at) values (?, ?, cast(? as jsonb), now())")
                .params(item, MediaStore.TRANSCODE + 1, written)
                .update();

        MediaStore.Claim claim =
                store.claim(item, MediaStore.TRANSCODE + 1, Duration.ofHours(1)).orElseThrow();

        assertThat(claim.spec()).isEqualTo(new PartSpec(0, 1, List.of(new Ladder.Rung(360, 640, 360, 25.0, 403, 96))));
    }

    @Test
    void thePartsAProbePlansAreStoredInTheShapeRowsAlreadyHave() {
        UUID item = probeHeldByThisTest();
        UUID token = jdbc.sql("select lease_token from media_parts where media_id = ? and part = ?")
                .params(item, MediaStore.PROBE)
                .query(UUID.class)
                .single();
        PartSpec streams = new PartSpec(0, null, List.of());
        Map<String, PartSpec> parts = new LinkedHashMap<>();
        parts.put(MediaStore.TRANSCODE + 1, streams.withRungs(List.of(new Ladder.Rung(240, 426, 240, 30.0, 215, 64))));
        parts.put(MediaStore.THUMBNAIL, streams);

        assertThat(store.complete(item, MediaStore.PROBE, token, List.of(), null, parts))
                .isTrue();

        assertThat(JSON.readTree(storedSpec(item, MediaStore.TRANSCODE + 1)))
                .isEqualTo(JSON.readTree("{\"video_stream\": 0, \"rungs\": [{\"size\": 240, \"width\": 426,"
                        + " \"height\": 240, \"frame_rate\": 30.0, \"video_kbps\": 215, \"audio_kbps\": 64}]}"));
        assertThat(JSON.readTree(storedSpec(item, MediaStore.THUMBNAIL)))
                .isEqualTo(JSON.readTree("{\"video_stream\": 0}"));
    }

    private String storedSpec(UUID item, String part) {
        return jdbc.sql("select spec::text from media_parts where media_id = ? and part = ?")
                .params(item, part)
                .query(String.class)
                .single();
    }
}
