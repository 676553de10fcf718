package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PartSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Ladder.Rung RUNG_360 = new Ladder.Rung(360, 640, 360, 30.0, 484, 96);
    private static final Ladder.Rung RUNG_720 = new Ladder.Rung(720, 1280, 720, 29.97, 1933, 128);

    @Test
    void aTranscodeSpecStoredBeforeReadsAsItWasPlanned() {
        // why: as PostgreSQL hands back a jsonb column written by the earlier, map-based code
        String stored = "{\"rungs\": [{\"size\": 360, \"width\": 640, \"height\": 360, \"audio_kbps\": 96,"
                + " \"frame_rate\": 30.0, \"video_kbps\": 484}, {\"size\": 720, \"width\": 1280, \"height\": 720,"
                + " \"audio_kbps\": 128, \"frame_rate\": 29.97, \"video_kbps\": 1933}], \"audio_stream\": 1,"
                + " \"video_stream\": 0}";

        assertThat(PartSpec.fromJson(stored)).isEqualTo(new PartSpec(0, 1, List.of(RUNG_360, RUNG_720)));
    }

    @Test
    void aThumbnailSpecStoredBeforeReadsWithItsStreamsAndNoRungs() {
        assertThat(PartSpec.fromJson("{\"audio_stream\": 2, \"video_stream\": 1}"))
                .isEqualTo(new PartSpec(1, 2, List.of()));
        assertThat(PartSpec.fromJson("{\"video_stream\": 3}")).isEqualTo(new PartSpec(3, null, List.of()));
    }

    @Test
    void aSpecPlannedBeforeStreamsWereRecordedReadsWithoutThem() {
        String stored = "{\"rungs\": [{\"size\": 360, \"width\": 640, \"height\": 360, \"audio_kbps\": 96,"
                + " \"frame_rate\": 30, \"video_kbps\": 484}]}";

        assertThat(PartSpec.fromJson(stored)).isEqualTo(new PartSpec(null, null, List.of(RUNG_360)));
    }

    @Test
    void theProbesOwnPartHasNoSpec() {
        assertThat(PartSpec.fromJson("{}")).isEqualTo(PartSpec.NONE);
        assertThat(PartSpec.fromJson(null)).isEqualTo(PartSpec.NONE);
    }

    @Test
    void aSpecIsWrittenInTheFormatRowsAlreadyHave() {
        PartSpec spec = new PartSpec(0, 1, List.of(RUNG_360));

        assertThat(JSON.readTree(spec.toJson()))
                .isEqualTo(JSON.readTree("{\"video_stream\": 0, \"audio_stream\": 1, \"rungs\": [{\"size\": 360,"
                        + " \"width\": 640, \"height\": 360, \"frame_rate\": 30.0, \"video_kbps\": 484,"
                        + " \"audio_kbps\": 96}]}"));
    }

    @Test
    void aSilentThumbnailSpecIsWrittenWithTheVideoStreamAlone() {
        assertThat(JSON.readTree(new PartSpec(2, null, List.of()).toJson()))
                .isEqualTo(JSON.readTree("{\"video_stream\": 2}"));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        PartSpec spec = new PartSpec(4, 7, List.of(RUNG_360, RUNG_720));

        assertThat(PartSpec.fromJson(spec.toJson())).isEqualTo(spec);
        assertThat(PartSpec.fromJson(PartSpec.NONE.toJson())).isEqualTo(PartSpec.NONE);
    }

    @Test
    void aGroupKeepsTheStreamsOfThePlan() {
        PartSpec streams = new PartSpec(0, null, List.of());

        assertThat(streams.withRungs(List.of(RUNG_720))).isEqualTo(new PartSpec(0, null, List.of(RUNG_720)));
    }
}
