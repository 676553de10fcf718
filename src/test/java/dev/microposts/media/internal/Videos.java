package dev.microposts.media.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes test videos with the bundled ffmpeg: real files, generated in a few hundred milliseconds each. */
public final class Videos {

    private final Path ffmpeg;
    private final Path dir;

    public Videos(Path dataDir) throws IOException {
        this.ffmpeg = FfmpegBinaries.locate(null, dataDir).ffmpeg();
        this.dir = Files.createDirectories(dataDir.resolve("test-videos"));
    }

    Path ffmpeg() {
        return ffmpeg;
    }

    /** Runs ffmpeg with these arguments, writing {@code name} in the videos directory. */
    Path make(String name, String... arguments) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y"));
        for (String argument : arguments) {
            command.add(argument.replace("{dir}", dir.toString()));
        }
        command.add(out.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg " + command + " failed: " + log);
        }
        return out;
    }

    /** A test pattern with a tone: {@code size} like 1920x1080, {@code seconds} long. */
    public Path h264(String name, String size, double seconds, boolean audio, String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30:duration=" + seconds));
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", "aac"));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        args.addAll(List.of(extra));
        return make(name, args.toArray(String[]::new));
    }

    /**
     * An MP4 of {@code realSeconds} whose movie and track headers claim only {@code claimedSeconds}, as a file
     * built to pass a length check says: every frame is still in it, only the headers were rewritten.
     */
    public Path claimingShorter(String name, double realSeconds, double claimedSeconds) throws Exception {
        Path file = make(
                name,
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=160x120:rate=10:duration=" + realSeconds,
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p");
        ByteBuffer mp4 = ByteBuffer.wrap(Files.readAllBytes(file));
        Mp4Box moov = Mp4Box.children(mp4, 0, mp4.limit()).stream()
                .filter(box -> box.type().equals("moov"))
                .findFirst()
                .orElseThrow();
        Mp4Box mvhd = moov.child(mp4, "mvhd");
        int movieScale = mp4.getInt(mvhd.content() + 12);
        mp4.putInt(mvhd.content() + 16, (int) Math.round(claimedSeconds * movieScale));
        for (Mp4Box trak : moov.children(mp4)) {
            if (!trak.type().equals("trak")) {
                continue;
            }
            mp4.putInt(trak.child(mp4, "tkhd").content() + 20, (int) Math.round(claimedSeconds * movieScale));
            Mp4Box mdhd = trak.child(mp4, "mdia").child(mp4, "mdhd");
            int trackScale = mp4.getInt(mdhd.content() + 12);
            mp4.putInt(mdhd.content() + 16, (int) Math.round(claimedSeconds * trackScale));
        }
        return Files.write(file, mp4.array());
    }

    /**
     * A video with a cover picture (an attached picture, as music and podcast apps add) that the file lists
     * before its video track, so the cover is its first video stream.
     */
    public Path coverFirst(String name, double seconds) throws Exception {
        Path cover = make("cover-" + name + ".png", "-f", "lavfi", "-i", "color=c=red:size=640x480", "-frames:v", "1");
        Path video = h264("video-" + name, "320x240", seconds, false);
        Path file = make(
                name,
                "-i",
                cover.toString(),
                "-i",
                video.toString(),
                "-map",
                "0",
                "-map",
                "1",
                "-c",
                "copy",
                "-disposition:0",
                "attached_pic");
        // why: ffmpeg writes the cover in the user data after the tracks; moved first, it becomes stream 0
        ByteBuffer mp4 = ByteBuffer.wrap(Files.readAllBytes(file));
        Mp4Box moov = Mp4Box.children(mp4, 0, mp4.limit()).stream()
                .filter(box -> box.type().equals("moov"))
                .findFirst()
                .orElseThrow();
        List<Mp4Box> children = moov.children(mp4);
        ByteArrayOutputStream reordered = new ByteArrayOutputStream();
        children.stream().filter(box -> box.type().equals("udta")).forEach(box -> box.writeTo(mp4, reordered));
        children.stream().filter(box -> !box.type().equals("udta")).forEach(box -> box.writeTo(mp4, reordered));
        byte[] bytes = mp4.array();
        System.arraycopy(reordered.toByteArray(), 0, bytes, moov.content(), reordered.size());
        return Files.write(file, bytes);
    }

    /** A box of an MP4 file: its four-letter type, where it starts and how long it is, header included. */
    private record Mp4Box(String type, int start, int size) {

        int content() {
            return start + 8;
        }

        List<Mp4Box> children(ByteBuffer file) {
            return children(file, content(), start + size);
        }

        Mp4Box child(ByteBuffer file, String type) {
            return children(file).stream()
                    .filter(box -> box.type().equals(type))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + type + " in " + this.type));
        }

        void writeTo(ByteBuffer file, ByteArrayOutputStream out) {
            out.write(file.array(), start, size);
        }

        static List<Mp4Box> children(ByteBuffer file, int from, int to) {
            List<Mp4Box> boxes = new ArrayList<>();
            for (int at = from; at + 8 <= to; ) {
                int size = file.getInt(at);
                byte[] type = new byte[4];
                file.get(at + 4, type);
                boxes.add(new Mp4Box(new String(type, StandardCharsets.ISO_8859_1), at, size));
                at += size;
            }
            return boxes;
        }
    }

    /**
     * A Matroska video whose rotation tag holds words instead of degrees: the encoder's tag, renamed in place
     * (Matroska lets a name end in zero bytes), since ffmpeg itself will not write such a tag.
     */
    public Path wordsForRotation(String name) throws Exception {
        Path file = h264(name, "320x240", 1, false, "-f", "matroska");
        byte[] bytes = Files.readAllBytes(file);
        byte[] from = "ENCODER".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "rotate\0".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + from.length <= bytes.length; at++) {
            if (java.util.Arrays.equals(bytes, at, at + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, at, to.length);
            }
        }
        return Files.write(file, bytes);
    }

    /** A small but well-formed PDF, as a document viewer writes one: the commonest file sent by mistake. */
    public static byte[] pdf() {
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 700 Td (My holiday) Tj ET\nendstream");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
