package dev.microposts.media.internal;

import java.io.IOException;
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
