package dev.microposts.media.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the probe planned for a part, kept on the part's row so that whichever worker claims it encodes the same
 * thing: the streams it accepted and, for a transcode, the rungs of the ladder it makes.
 *
 * <p>Stored as a JSON object in the part's row, with the fields {@code video_stream}, {@code audio_stream} and
 * {@code rungs}. This is the only place that reads or writes it; rows written by older versions must keep
 * reading, so it is read field by field, leniently, whatever the application's JSON mapper is configured to do.
 *
 * @param videoStream the index of the video stream the probe accepted; null in a part planned by a version that
 *     did not record it, which took the first video stream
 * @param audioStream the index of the audio stream; null when the source is silent or the version did not record it
 * @param rungs the renditions a transcode part makes; empty for the other parts
 */
record PartSpec(Integer videoStream, Integer audioStream, List<Ladder.Rung> rungs) {

    /** The probe's own part, planned by nobody. */
    static final PartSpec NONE = new PartSpec(null, null, List.of());

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String VIDEO_STREAM = "video_stream";
    private static final String AUDIO_STREAM = "audio_stream";
    private static final String RUNGS = "rungs";

    PartSpec {
        rungs = List.copyOf(rungs);
    }

    /** The same streams, for a part that makes these rungs. */
    PartSpec withRungs(List<Ladder.Rung> rungs) {
        return new PartSpec(videoStream, audioStream, rungs);
    }

    static PartSpec fromJson(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        JsonNode spec = JSON.readTree(text);
        List<Ladder.Rung> rungs = new ArrayList<>();
        for (JsonNode rung : spec.path(RUNGS)) {
            rungs.add(new Ladder.Rung(
                    rung.path("size").asInt(),
                    rung.path("width").asInt(),
                    rung.path("height").asInt(),
                    rung.path("frame_rate").asDouble(),
                    rung.path("video_kbps").asInt(),
                    rung.path("audio_kbps").asInt()));
        }
        return new PartSpec(index(spec.path(VIDEO_STREAM)), index(spec.path(AUDIO_STREAM)), rungs);
    }

    String toJson() {
        ObjectNode spec = JSON.createObjectNode();
        if (videoStream != null) {
            spec.put(VIDEO_STREAM, videoStream);
        }
        if (audioStream != null) {
            spec.put(AUDIO_STREAM, audioStream);
        }
        if (!rungs.isEmpty()) {
            ArrayNode list = spec.putArray(RUNGS);
            for (Ladder.Rung rung : rungs) {
                list.addObject()
                        .put("size", rung.size())
                        .put("width", rung.width())
                        .put("height", rung.height())
                        .put("frame_rate", rung.frameRate())
                        .put("video_kbps", rung.videoKbps())
                        .put("audio_kbps", rung.audioKbps());
            }
        }
        return JSON.writeValueAsString(spec);
    }

    private static Integer index(JsonNode node) {
        return node.isNumber() ? node.intValue() : null;
    }
}
