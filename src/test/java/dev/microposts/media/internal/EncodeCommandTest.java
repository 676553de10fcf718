package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.microposts.media.MediaView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodeCommandTest {

    private static final Path FFMPEG = Path.of("/opt/ffmpeg/bin/ffmpeg");
    private static final Path SOURCE = Path.of("/data/media/source");
    private static final Path WORK = Path.of("/work/task-1");
    private static final List<Integer> LADDER = List.of(240, 360, 480, 720, 1080);
    private static final List<Integer> THUMBNAIL_WIDTHS = List.of(640, 1280, 320);

    private final EncodeCommand encode = new EncodeCommand(FFMPEG, 2, 60);

    private static MediaView.Source clip(int width, int height, int rotation, boolean withSound, double seconds) {
        return new MediaView.Source(
                seconds, width, height, 30, "h264", withSound ? "aac" : null, rotation, withSound, "mp4", 1_000_000);
    }

    private static List<String> input(String threads, String... seek) {
        List<String> input = new ArrayList<>(List.of(
                "/opt/ffmpeg/bin/ffmpeg",
                "-nostdin",
                "-hide_banner",
                "-v",
                "error",
                "-y",
                "-threads",
                threads,
                "-protocol_whitelist",
                "file",
                "-format_whitelist",
                Prober.FORMATS,
                "-probesize",
                "50000000"));
        input.addAll(List.of(seek));
        input.addAll(List.of("-i", "file:/data/media/source"));
        return input;
    }

    private static List<String> encodedAs(int kbps, String limitBytes, String file) {
        return List.of(
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-profile:v",
                "high",
                "-crf",
                "23",
                "-maxrate",
                kbps + "k",
                "-bufsize",
                (2 * kbps) + "k",
                "-threads",
                "2",
                "-fpsmax",
                "60.0",
                "-t",
                "11.000",
                "-fs",
                limitBytes,
                "-map_metadata",
                "-1",
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
                "/work/task-1/" + file);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    @Test
    void aLandscapeVideoWithSoundIsEncodedWithTheStreamsTheProbeChose() {
        PartSpec part = new PartSpec(0, 1, List.of(new Ladder.Rung(720, 1280, 720, 30, 1935, 128)));

        List<String> command = encode.renditions(SOURCE, part, true, 10, WORK);

        List<String> expected = new ArrayList<>(input("2"));
        expected.addAll(List.of(
                "-filter_complex",
                "[0:0]split=1[s0];[s0]scale=1280:720,setsar=1,format=yuv420p[v0]",
                "-map",
                "[v0]",
                "-map",
                "0:1",
                "-c:a",
                "aac",
                "-b:a",
                "128k",
                "-ac",
                "2"));
        expected.addAll(encodedAs(1935, "6721826", "720.mp4"));
        assertThat(command).containsExactlyElementsOf(expected);
    }

    @Test
    void aPortraitPhoneVideoIsEncodedUprightWithoutSoundWhenSilent() {
        // a phone's portrait video: stored landscape, turned by its rotation
        MediaView.Source phone = clip(1920, 1080, 90, false, 10);
        List<Ladder.Rung> firstGroup = Ladder.plan(phone, LADDER, 60).stream()
                .filter(r -> r.size() <= 360)
                .toList();

        List<String> command = encode.renditions(SOURCE, new PartSpec(0, null, firstGroup), phone.hasAudio(), 10, WORK);

        List<String> expected = new ArrayList<>(input("2"));
        expected.addAll(List.of(
                "-filter_complex",
                "[0:0]split=2[s0][s1];[s0]scale=240:426,setsar=1,format=yuv420p[v0]"
                        + ";[s1]scale=360:640,setsar=1,format=yuv420p[v1]",
                "-map",
                "[v0]"));
        expected.addAll(encodedAs(215, "1815826", "240.mp4"));
        expected.addAll(List.of("-map", "[v1]"));
        expected.addAll(encodedAs(484, "2643576", "360.mp4"));
        assertThat(command).containsExactlyElementsOf(expected);
    }

    @Test
    void everyRungOfTheLadderGetsItsOwnSizeBitratesAndLimits() {
        MediaView.Source landscape = clip(1920, 1080, 0, true, 10);
        List<Ladder.Rung> rungs = Ladder.plan(landscape, LADDER, 60);
        assertThat(rungs)
                .containsExactly(
                        new Ladder.Rung(240, 426, 240, 30, 215, 64),
                        new Ladder.Rung(360, 640, 360, 30, 484, 96),
                        new Ladder.Rung(480, 854, 480, 30, 861, 96),
                        new Ladder.Rung(720, 1280, 720, 30, 1935, 128),
                        new Ladder.Rung(1080, 1920, 1080, 30, 4355, 128));

        List<String> command = encode.renditions(SOURCE, new PartSpec(0, 1, rungs), true, 10, WORK);

        assertThat(command)
                .containsSequence(
                        "-filter_complex",
                        "[0:0]split=5[s0][s1][s2][s3][s4]"
                                + ";[s0]scale=426:240,setsar=1,format=yuv420p[v0]"
                                + ";[s1]scale=640:360,setsar=1,format=yuv420p[v1]"
                                + ";[s2]scale=854:480,setsar=1,format=yuv420p[v2]"
                                + ";[s3]scale=1280:720,setsar=1,format=yuv420p[v3]"
                                + ";[s4]scale=1920:1080,setsar=1,format=yuv420p[v4]");
        assertThat(command).containsSequence(concat(sound("[v0]", "64k"), encodedAs(215, "1815826", "240.mp4")));
        assertThat(command).containsSequence(concat(sound("[v1]", "96k"), encodedAs(484, "2643576", "360.mp4")));
        assertThat(command).containsSequence(concat(sound("[v2]", "96k"), encodedAs(861, "3680326", "480.mp4")));
        assertThat(command).containsSequence(concat(sound("[v3]", "128k"), encodedAs(1935, "6721826", "720.mp4")));
        assertThat(command).containsSequence(concat(sound("[v4]", "128k"), encodedAs(4355, "13376826", "1080.mp4")));
        assertThat(command.get(command.size() - 1)).isEqualTo("/work/task-1/1080.mp4");
    }

    private static List<String> sound(String label, String bitrate) {
        return List.of("-map", label, "-map", "0:1", "-c:a", "aac", "-b:a", bitrate, "-ac", "2");
    }

    @Test
    void aPartPlannedWithoutStreamIndexesTakesTheFirstVideoAndAudioStreams() {
        PartSpec older = new PartSpec(null, null, List.of(new Ladder.Rung(360, 640, 360, 30, 484, 96)));

        List<String> command = encode.renditions(SOURCE, older, true, 10, WORK);

        assertThat(command)
                .containsSequence(
                        "-filter_complex", "[0:v:0]split=1[s0];[s0]scale=640:360,setsar=1,format=yuv420p[v0]");
        assertThat(command).containsSequence("-map", "[v0]", "-map", "0:a:0", "-c:a", "aac");
    }

    @Test
    void everyThumbnailComesFromOneFrameAQuarterIn() {
        MediaView.Source landscape = clip(1920, 1080, 0, true, 60);
        List<EncodeCommand.Thumbnail> sizes = EncodeCommand.thumbnailSizes(landscape, THUMBNAIL_WIDTHS);
        assertThat(sizes)
                .containsExactly(
                        new EncodeCommand.Thumbnail(640, 360),
                        new EncodeCommand.Thumbnail(1280, 720),
                        new EncodeCommand.Thumbnail(320, 180));

        List<String> command =
                encode.thumbnails(SOURCE, new PartSpec(0, 1, List.of()), sizes, EncodeCommand.thumbnailAt(60), WORK);

        List<String> expected = new ArrayList<>(input("1", "-ss", "15.000"));
        expected.addAll(List.of(
                "-filter_complex",
                "[0:0]thumbnail=30,split=3[s0][s1][s2];[s0]scale=640:360,setsar=1[t0]"
                        + ";[s1]scale=1280:720,setsar=1[t1];[s2]scale=320:180,setsar=1[t2]"));
        expected.addAll(thumbnail("[t0]", "thumb-640.jpg"));
        expected.addAll(thumbnail("[t1]", "thumb-1280.jpg"));
        expected.addAll(thumbnail("[t2]", "thumb-320.jpg"));
        assertThat(command).containsExactlyElementsOf(expected);
    }

    private static List<String> thumbnail(String label, String file) {
        return List.of(
                "-map",
                label,
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
                "/work/task-1/" + file);
    }

    @Test
    void aShortPortraitVideoGetsThumbnailsNoWiderThanItselfFromItsStart() {
        MediaView.Source phone = clip(640, 360, 270, false, 1.5);
        List<EncodeCommand.Thumbnail> sizes = EncodeCommand.thumbnailSizes(phone, THUMBNAIL_WIDTHS);
        assertThat(sizes).containsExactly(new EncodeCommand.Thumbnail(360, 640), new EncodeCommand.Thumbnail(320, 568));

        List<String> command = encode.thumbnails(
                SOURCE, new PartSpec(2, null, List.of()), sizes, EncodeCommand.thumbnailAt(1.5), WORK);

        List<String> expected = new ArrayList<>(input("1"));
        expected.addAll(List.of(
                "-filter_complex",
                "[0:2]thumbnail=30,split=2[s0][s1];[s0]scale=360:640,setsar=1[t0];[s1]scale=320:568,setsar=1[t1]"));
        expected.addAll(thumbnail("[t0]", "thumb-360.jpg"));
        expected.addAll(thumbnail("[t1]", "thumb-320.jpg"));
        assertThat(command).containsExactlyElementsOf(expected);
    }

    @Test
    void aThumbnailOfAnOddWidthVideoIsEvenAndAtLeastTwoPixels() {
        assertThat(EncodeCommand.thumbnailSizes(clip(355, 200, 0, false, 10), List.of(640)))
                .containsExactly(new EncodeCommand.Thumbnail(354, 200));
        assertThat(EncodeCommand.thumbnailSizes(clip(3, 400, 0, false, 10), List.of(640)))
                .containsExactly(new EncodeCommand.Thumbnail(2, 266));
    }

    @Test
    void theThumbnailIsTakenAQuarterInExceptFromAVeryShortVideo() {
        assertThat(EncodeCommand.thumbnailAt(60)).isEqualTo(15);
        assertThat(EncodeCommand.thumbnailAt(2.4)).isEqualTo(0.6);
        assertThat(EncodeCommand.thumbnailAt(2)).isZero();
        assertThat(EncodeCommand.thumbnailAt(0)).isZero();
    }

    @Test
    void outputMayRunALittleLongerThanTheProbedLengthButNoMore() {
        assertThat(EncodeCommand.outputSeconds(10)).isEqualTo(11);
        assertThat(EncodeCommand.outputSeconds(0.5)).isEqualTo(1.5);
        assertThat(EncodeCommand.outputSeconds(100)).isCloseTo(102, within(1e-9));
        assertThat(EncodeCommand.outputSeconds(600)).isCloseTo(612, within(1e-9));
    }

    @Test
    void aRenditionMayGrowToTwiceItsCappedBitratesPlusAMegabyte() {
        assertThat(EncodeCommand.maxOutputBytes(new Ladder.Rung(720, 1280, 720, 30, 1935, 128), 11))
                .isEqualTo(2 * 2_836_625L + 1_048_576L);
        assertThat(EncodeCommand.maxOutputBytes(new Ladder.Rung(240, 426, 240, 30, 215, 64), 11))
                .isEqualTo(2 * 383_625L + 1_048_576L);
    }
}
