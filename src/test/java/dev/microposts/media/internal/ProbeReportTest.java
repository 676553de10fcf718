package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microposts.tasks.PermanentTaskFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the probe makes of ffprobe's report, whatever a file's maker put in it. */
class ProbeReportTest {

    private static final Prober.Limits LIMITS = new Prober.Limits(8, 3840, 2160, 60, Duration.ofMinutes(10));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCoverPictureIsPassedOverForTheVideoAndTheFirstSoundIsTaken() {
        Prober.Probed probed = read("""
                {"format": {"duration": "12.5", "format_name": "mov,mp4"},
                 "streams": [
                   {"index": 0, "codec_type": "video", "codec_name": "mjpeg", "width": 600, "height": 600,
                    "disposition": {"attached_pic": 1}},
                   {"index": 1, "codec_type": "audio", "codec_name": "aac"},
                   {"index": 2, "codec_type": "video", "codec_name": "h264", "width": 1280, "height": 720,
                    "avg_frame_rate": "30000/1001"},
                   {"index": 3, "codec_type": "audio", "codec_name": "opus"}]}""");

        assertThat(probed.videoStream()).isEqualTo(2);
        assertThat(probed.audioStream()).isEqualTo(1);
        assertThat(probed.facts().width()).isEqualTo(1280);
        assertThat(probed.facts().height()).isEqualTo(720);
        assertThat(probed.facts().frameRate()).isEqualTo(29.97);
        assertThat(probed.facts().duration()).isEqualTo(12.5);
        assertThat(probed.facts().videoCodec()).isEqualTo("h264");
        assertThat(probed.facts().audioCodec()).isEqualTo("aac");
    }

    @Test
    void theLongestLengthClaimedBoundsTheWork() {
        Prober.Probed probed = read("""
                {"format": {"duration": "10"},
                 "streams": [{"index": 0, "codec_type": "video", "width": 320, "height": 240,
                              "avg_frame_rate": "0/0", "r_frame_rate": "25/1", "duration": "61.25"}]}""");

        assertThat(probed.facts().duration()).isEqualTo(61.25);
        assertThat(probed.facts().frameRate())
                .as("the nominal rate when the average is unknown")
                .isEqualTo(25);
        assertThat(probed.audioStream()).isNull();
    }

    @Test
    void theTurnComesFromTheDisplayMatrixOrTheOldTagAndANonsenseTagIsIgnored() {
        assertThat(rotationOf("\"side_data_list\": [{\"rotation\": -90}]")).isEqualTo(90);
        assertThat(rotationOf("\"side_data_list\": [{\"rotation\": 90}]")).isEqualTo(270);
        assertThat(rotationOf("\"tags\": {\"rotate\": \" 180 \"}")).isEqualTo(180);
        assertThat(rotationOf("\"tags\": {\"rotate\": \"-450\"}")).isEqualTo(270);
        assertThat(rotationOf("\"tags\": {\"rotate\": \"upside down\"}")).isZero();
        assertThat(rotationOf("\"tags\": {\"rotate\": \"99999999999999\"}")).isZero();
    }

    @Test
    void whatIsNotAVideoWithinTheLimitsFailsForGoodWithItsReason() {
        assertFails("{}", "no_picture", "The file has no video in it.");
        assertFails(
                "{\"streams\": [{\"index\": 0, \"codec_type\": \"audio\"}], \"format\": {\"duration\": \"3\"}}",
                "no_picture",
                "sound but no picture");
        assertFails(video("\"width\": 0, \"height\": 720"), "unreadable", "frame size could not be read");
        assertFails(video("\"width\": \"wide\", \"height\": 720"), "unreadable", "frame size could not be read");
        assertFails(video("\"width\": 7680, \"height\": 4320"), "frame_size", "7680x4320");
        assertFails(video("\"width\": 2160, \"height\": 3840"), "", null); // portrait 4K is within the limits
        assertFails(video("\"width\": 640, \"height\": 480, \"avg_frame_rate\": \"240/1\""), "frame_rate", "240");
        assertFails(
                "{\"format\": {\"duration\": \"N/A\"}, \"streams\": [{\"index\": 0, \"codec_type\": \"video\","
                        + " \"width\": 640, \"height\": 480}]}",
                "unreadable",
                "length could not be read");
        assertFails(
                "{\"format\": {\"duration\": \"601\"}, \"streams\": [{\"index\": 0, \"codec_type\": \"video\","
                        + " \"width\": 640, \"height\": 480}]}",
                "too_long",
                "601 seconds");
        StringBuilder many = new StringBuilder("{\"format\": {\"duration\": \"3\"}, \"streams\": [");
        for (int i = 0; i < 9; i++) {
            many.append(i == 0 ? "" : ",").append("{\"index\": ").append(i).append(", \"codec_type\": \"data\"}");
        }
        assertFails(many.append("]}").toString(), "too_many_streams", "9 streams");
    }

    private static String video(String fields) {
        return "{\"format\": {\"duration\": \"3\"}, \"streams\": [{\"index\": 0, \"codec_type\": \"video\", " + fields
                + "}]}";
    }

    private static int rotationOf(String fields) {
        return read(video("\"width\": 640, \"height\": 480, " + fields)).facts().rotation();
    }

    /** That the report fails with this kind and a reason containing {@code reason}; an empty kind: it does not. */
    private static void assertFails(String report, String kind, String reason) {
        if (kind.isEmpty()) {
            assertThat(read(report).facts().width()).isPositive();
            return;
        }
        assertThatThrownBy(() -> read(report))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((PermanentTaskFailure) e).kind()).isEqualTo(kind));
    }

    private static Prober.Probed read(String report) {
        JsonNode root = JSON.readTree(report);
        return Prober.read(root, 1000, LIMITS);
    }
}
