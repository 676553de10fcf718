package dev.microposts.media.internal;

import dev.microposts.media.MediaView;
import dev.microposts.tasks.PermanentTaskFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Looks into an uploaded file with ffprobe and decides whether the pipeline takes it. Only container formats
 * that make sense for uploaded video are opened (no playlists, concat scripts or image sequences), only from
 * the local file, with bounded probing; anything that fails or is out of limits fails the item for good.
 */
final class Prober {

    /** Demuxers an upload may use; ffmpeg refuses every other (HLS, concat, image2, ...). */
    static final String FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,ogg,asf";

    private final FfmpegBinaries binaries;
    private final Confinement confinement;
    private final MediaProperties limits;
    private final ObjectMapper json;
    private final Clock clock;

    Prober(FfmpegBinaries binaries, Confinement confinement, MediaProperties limits, ObjectMapper json, Clock clock) {
        this.binaries = binaries;
        this.confinement = confinement;
        this.limits = limits;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What the probe accepted: the file's facts, and the streams they were read from, by their index in the file.
     * The transcode maps exactly these, so it encodes what was checked, not whatever ffmpeg would pick first.
     */
    record Probed(MediaView.Source facts, int videoStream, Integer audioStream) {}

    /** The file's facts, or a {@link PermanentTaskFailure} saying in plain words why it is not taken. */
    Probed probe(Path file, Path workDir, Instant deadline) throws IOException, InterruptedException {
        if (Files.size(file) == 0) {
            throw MediaFailure.EMPTY.because("The file is empty.");
        }
        ChildProcess.Result result = ChildProcess.run(
                List.of(
                        binaries.ffprobe().toString(),
                        "-v",
                        "error",
                        "-protocol_whitelist",
                        "file",
                        "-format_whitelist",
                        FORMATS,
                        "-probesize",
                        "50000000",
                        "-analyzeduration",
                        "20000000",
                        "-show_format",
                        "-show_streams",
                        "-of",
                        "json",
                        "file:" + file),
                workDir,
                List.of(file),
                confinement,
                deadline,
                clock);
        if (!result.ok()) {
            // why: ffprobe only says it could not read the file; its first bytes tell the owner what it is instead
            throw MediaFailure.UNREADABLE.because(FileKind.of(file).reason());
        }
        return read(json.readTree(result.stdout().toFile()), Files.size(file), Limits.of(limits));
    }

    /** What a file may be for the pipeline to take it. */
    record Limits(int maxStreams, int maxLongSide, int maxShortSide, double maxFrameRate, Duration maxDuration) {

        static Limits of(MediaProperties properties) {
            return new Limits(
                    properties.maxStreams(),
                    properties.maxLongSide(),
                    properties.maxShortSide(),
                    properties.maxFrameRate(),
                    properties.maxDuration());
        }
    }

    /**
     * Decides on ffprobe's report of a file of {@code size} bytes: its facts and the streams to encode, or a
     * {@link PermanentTaskFailure} saying why it is not taken. The report comes from a file anyone could have
     * made, so no field of it is trusted to be there or to be well formed.
     */
    static Probed read(JsonNode root, long size, Limits limits) {
        JsonNode format = root.path("format");
        JsonNode streams = root.path("streams");
        if (streams.size() > limits.maxStreams()) {
            throw MediaFailure.TOO_MANY_STREAMS.because(
                    "The file has " + streams.size() + " streams; at most " + limits.maxStreams() + " are accepted.");
        }
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : streams) {
            String type = stream.path("codec_type").asString("");
            boolean attachedPicture =
                    stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !attachedPicture && video == null) {
                video = stream;
            } else if (type.equals("audio") && audio == null) {
                audio = stream;
            }
        }
        if (video == null) {
            throw MediaFailure.NO_PICTURE.because(
                    audio != null
                            ? "The file has sound but no picture; only videos can be posted."
                            : "The file has no video in it.");
        }
        int width = video.path("width").asInt(0);
        int height = video.path("height").asInt(0);
        if (width <= 0 || height <= 0) {
            throw MediaFailure.UNREADABLE.because("The video's frame size could not be read.");
        }
        if (Math.max(width, height) > limits.maxLongSide() || Math.min(width, height) > limits.maxShortSide()) {
            throw MediaFailure.FRAME_SIZE.because("The video is " + width + "x" + height + "; the largest accepted is "
                    + limits.maxLongSide() + "x" + limits.maxShortSide() + ".");
        }
        double frameRate = rate(video.path("avg_frame_rate").asString(""));
        if (frameRate <= 0) {
            frameRate = rate(video.path("r_frame_rate").asString(""));
        }
        if (frameRate > limits.maxFrameRate()) {
            throw MediaFailure.FRAME_RATE.because(String.format(
                    Locale.ROOT,
                    "The video has %.0f frames per second; at most %.0f are accepted.",
                    frameRate,
                    limits.maxFrameRate()));
        }
        // why: the container's header and each stream's own header can disagree; the longest claim is the one
        // that bounds the work, and the transcode stops there (see Pipeline) whatever the file really holds
        double duration = Math.max(
                number(format.path("duration")),
                Math.max(number(video.path("duration")), audio == null ? 0 : number(audio.path("duration"))));
        if (!(duration > 0)) {
            throw MediaFailure.UNREADABLE.because("The video's length could not be read; the file may be incomplete.");
        }
        if (duration > limits.maxDuration().toSeconds()) {
            throw MediaFailure.TOO_LONG.because(String.format(
                    Locale.ROOT,
                    "The video is %.0f seconds long; at most %d seconds are accepted.",
                    duration,
                    limits.maxDuration().toSeconds()));
        }
        MediaView.Source facts = new MediaView.Source(
                round(duration, 3),
                width,
                height,
                round(frameRate, 3),
                video.path("codec_name").asString("unknown"),
                audio == null ? null : audio.path("codec_name").asString("unknown"),
                rotation(video),
                audio != null,
                format.path("format_name").asString(""),
                size);
        return new Probed(
                facts,
                video.path("index").asInt(),
                audio == null ? null : audio.path("index").asInt());
    }

    /** The length in seconds of a file the pipeline made itself, as its container says; 0 if unreadable. */
    double duration(Path output, Path workDir, Instant deadline) throws IOException, InterruptedException {
        ChildProcess.Result result = ChildProcess.run(
                List.of(
                        binaries.ffprobe().toString(),
                        "-v",
                        "error",
                        "-protocol_whitelist",
                        "file",
                        "-show_entries",
                        "format=duration",
                        "-of",
                        "json",
                        "file:" + output),
                workDir,
                List.of(),
                confinement,
                deadline,
                clock);
        return result.ok()
                ? number(json.readTree(result.stdout().toFile()).path("format").path("duration"))
                : 0;
    }

    /** Degrees clockwise the player must turn the picture, from the display matrix or the old tag. */
    private static int rotation(JsonNode video) {
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return normalize(-side.path("rotation").asInt(0));
            }
        }
        String tag = video.path("tags").path("rotate").asString("").trim();
        try {
            return tag.isEmpty() ? 0 : normalize(Integer.parseInt(tag));
        } catch (NumberFormatException e) {
            return 0; // why: a tag any tool could have written; a picture left unturned beats a failed upload
        }
    }

    private static int normalize(int degrees) {
        return ((degrees % 360) + 360) % 360;
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        try {
            double numerator = Double.parseDouble(parts[0]);
            double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return denominator == 0 ? 0 : numerator / denominator;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double number(JsonNode node) {
        try {
            return node.isMissingNode() || node.isNull() ? 0 : Double.parseDouble(node.asString("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
