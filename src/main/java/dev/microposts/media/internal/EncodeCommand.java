package dev.microposts.media.internal;

import dev.microposts.media.MediaView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg command lines of the transcode and thumbnail parts, from plain values, so that what ffmpeg is
 * told can be read and checked without running it. Each decodes the source once and splits the picture: a
 * group of renditions comes out of one run, every thumbnail size out of one picked frame.
 */
final class EncodeCommand {

    private static final double OUTPUT_MARGIN_SECONDS = 1;
    private static final double OUTPUT_MARGIN_SHARE = 0.02;

    private final Path ffmpeg;
    private final int threads;
    private final double maxFrameRate;

    /**
     * @param threads threads each encode may use, 0 for ffmpeg's own choice; a thumbnail always takes one
     * @param maxFrameRate the frame rate no rendition goes past, whatever the source has
     */
    EncodeCommand(Path ffmpeg, int threads, double maxFrameRate) {
        this.ffmpeg = ffmpeg;
        this.threads = threads;
        this.maxFrameRate = maxFrameRate;
    }

    /** A thumbnail to take, in display pixels. */
    record Thumbnail(int width, int height) {}

    /**
     * Encodes the part's rungs into {@code workDir}, each file named by {@link MediaKeys#renditionFile}. H.264
     * high profile and AAC stereo in MP4 with the index up front, which every browser plays and can start
     * before the whole file is in; the bitrate capped per rung, and length and size capped by what the probe
     * found, so a file that lied in its headers cannot make the encoder fill the disk.
     */
    List<String> renditions(Path source, PartSpec part, boolean withSound, double probedSeconds, Path workDir) {
        List<Ladder.Rung> rungs = part.rungs();
        double outputLimit = outputSeconds(probedSeconds);
        List<String> command = input(threads, source, 0);
        StringBuilder graph = split(part, "", rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            Ladder.Rung rung = rungs.get(i);
            graph.append(";[s" + i + "]scale=" + rung.width() + ":" + rung.height() + ",setsar=1,format=yuv420p[v" + i
                    + "]");
        }
        command.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < rungs.size(); i++) {
            Ladder.Rung rung = rungs.get(i);
            command.addAll(List.of("-map", "[v" + i + "]"));
            if (withSound) {
                command.addAll(
                        List.of("-map", audioInput(part), "-c:a", "aac", "-b:a", rung.audioKbps() + "k", "-ac", "2"));
            }
            command.addAll(List.of(
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-profile:v",
                    "high",
                    "-crf",
                    "23",
                    "-maxrate",
                    rung.videoKbps() + "k",
                    "-bufsize",
                    (2 * rung.videoKbps()) + "k",
                    "-threads",
                    String.valueOf(threads),
                    "-fpsmax",
                    String.valueOf(maxFrameRate),
                    "-t",
                    seconds(outputLimit),
                    "-fs",
                    String.valueOf(maxOutputBytes(rung, outputLimit)),
                    "-map_metadata",
                    "-1",
                    "-movflags",
                    "+faststart",
                    "-f",
                    "mp4",
                    workDir.resolve(MediaKeys.renditionFile(rung)).toString()));
        }
        return command;
    }

    /**
     * Takes every thumbnail from one frame near {@code atSeconds} into {@code workDir}, each file named by
     * {@link MediaKeys#thumbnailFile}: of the next frames, the one most like its neighbours, so a flash or a
     * cut is not what represents the video.
     */
    List<String> thumbnails(Path source, PartSpec part, List<Thumbnail> thumbnails, double atSeconds, Path workDir) {
        List<String> command = input(1, source, atSeconds);
        StringBuilder graph = split(part, "thumbnail=30,", thumbnails.size());
        for (int i = 0; i < thumbnails.size(); i++) {
            Thumbnail thumbnail = thumbnails.get(i);
            graph.append(
                    ";[s" + i + "]scale=" + thumbnail.width() + ":" + thumbnail.height() + ",setsar=1[t" + i + "]");
        }
        command.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < thumbnails.size(); i++) {
            command.addAll(List.of(
                    "-map",
                    "[t" + i + "]",
                    "-frames:v",
                    "1",
                    "-c:v",
                    "mjpeg",
                    "-q:v",
                    "3",
                    "-update",
                    "1",
                    "-f",
                    "image2",
                    workDir.resolve(MediaKeys.thumbnailFile(thumbnails.get(i).width()))
                            .toString()));
        }
        return command;
    }

    /**
     * The thumbnails of a source: the configured widths, none wider than the picture as it is shown (a small
     * video is not blown up), even, at the picture's own proportions after rotation; widths that come out the
     * same are taken once.
     */
    static List<Thumbnail> thumbnailSizes(MediaView.Source source, List<Integer> widths) {
        int[] display = Ladder.displaySize(source);
        return widths.stream()
                .map(w -> Math.min(w, display[0] - display[0] % 2))
                .map(w -> Math.max(w, 2))
                .distinct()
                .map(width -> new Thumbnail(
                        width, Math.max(2, (int) Math.round((double) width * display[1] / display[0] / 2) * 2)))
                .toList();
    }

    /** A quarter in, past fades from black; a very short video from its start. */
    static double thumbnailAt(double durationSeconds) {
        return durationSeconds > 2 ? durationSeconds / 4 : 0;
    }

    /**
     * How much output a source of this probed length may make: a little more than it, for rounding and the
     * last frame, but never what a file holds beyond what its headers claimed.
     */
    static double outputSeconds(double probedSeconds) {
        return probedSeconds + Math.max(OUTPUT_MARGIN_SECONDS, probedSeconds * OUTPUT_MARGIN_SHARE);
    }

    /**
     * The largest file a rendition may grow to: its capped bitrates over that length, twice over for the peaks
     * the encoder's buffer allows, plus room for the container. Only a file built to blow up the encoder
     * reaches it; ffmpeg then ends the rendition there instead of filling the disk.
     */
    static long maxOutputBytes(Ladder.Rung rung, double outputSeconds) {
        long bitsPerSecond = (rung.videoKbps() + (long) rung.audioKbps()) * 1000L;
        return 2 * (long) Math.ceil(bitsPerSecond / 8.0 * outputSeconds) + (1L << 20);
    }

    /** The input half of every command: hardened as the probe is. */
    private List<String> input(int inputThreads, Path source, double seekSeconds) {
        List<String> command = new ArrayList<>(List.of(
                ffmpeg.toString(),
                "-nostdin",
                "-hide_banner",
                "-v",
                "error",
                "-y",
                "-threads",
                String.valueOf(inputThreads),
                "-protocol_whitelist",
                "file",
                "-format_whitelist",
                Prober.FORMATS,
                "-probesize",
                "50000000"));
        if (seekSeconds > 0) {
            command.addAll(List.of("-ss", seconds(seekSeconds)));
        }
        command.addAll(List.of("-i", "file:" + source));
        return command;
    }

    /** The chosen video stream, through {@code filters}, split into {@code ways} labelled s0, s1 and so on. */
    private static StringBuilder split(PartSpec part, String filters, int ways) {
        StringBuilder graph = new StringBuilder(videoInput(part) + filters + "split=" + ways);
        for (int i = 0; i < ways; i++) {
            graph.append("[s").append(i).append(']');
        }
        return graph;
    }

    /**
     * The video stream the probe accepted, as a filter graph's input. A part planned by an older version has no
     * index and takes the first video stream, as that version did.
     */
    private static String videoInput(PartSpec part) {
        return part.videoStream() != null ? "[0:" + part.videoStream() + "]" : "[0:v:0]";
    }

    private static String audioInput(PartSpec part) {
        return part.audioStream() != null ? "0:" + part.audioStream() : "0:a:0";
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
