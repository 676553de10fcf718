package dev.microposts.media.internal;

import java.io.IOException;
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
}
