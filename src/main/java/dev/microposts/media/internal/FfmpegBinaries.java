package dev.microposts.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the ffmpeg and ffprobe executables are. By default the build bundled with MicroPosts (bytedeco's
 * {@code ffmpeg} artifact, classifier {@code linux-x86_64-gpl} for libx264) is unpacked once under the data
 * directory, with the libraries it loads from beside itself; {@code microposts.media.ffmpeg} names another.
 */
record FfmpegBinaries(Path ffmpeg, Path ffprobe, String origin) {

    private static final Logger log = LoggerFactory.getLogger(FfmpegBinaries.class);
    private static final String BUNDLE = "org/bytedeco/ffmpeg/linux-x86_64*/";

    static FfmpegBinaries locate(Path configured, Path dataDirectory) {
        if (configured != null && !configured.toString().isBlank()) {
            Path ffprobe = configured.resolveSibling("ffprobe");
            if (!Files.isExecutable(configured) || !Files.isExecutable(ffprobe)) {
                throw new IllegalStateException("microposts.media.ffmpeg=" + configured
                        + " must be an executable ffmpeg with an executable ffprobe beside it");
            }
            return new FfmpegBinaries(configured, ffprobe, "configured " + configured);
        }
        return unpackBundled(dataDirectory.resolve("ffmpeg"));
    }

    private static FfmpegBinaries unpackBundled(Path parent) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:" + BUNDLE + "*");
            Resource ffmpegResource = Stream.of(files)
                    .filter(r -> "ffmpeg".equals(r.getFilename()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "No bundled ffmpeg for this platform (Linux x86_64 only); set microposts.media.ffmpeg"));
            String version = versionOf(ffmpegResource.getURL().toString());
            Path target = parent.resolve(version);
            if (!Files.isExecutable(target.resolve("ffprobe"))) {
                Path staging = parent.resolve(".unpack-" + UUID.randomUUID());
                Files.createDirectories(staging);
                try {
                    for (Resource file : files) {
                        String name = file.getFilename();
                        if (name == null || name.isEmpty() || name.startsWith("libjni")) {
                            continue; // why: the JNI bindings are for in-process use, which MicroPosts avoids
                        }
                        try (InputStream in = file.getInputStream()) {
                            Files.copy(in, staging.resolve(name));
                        }
                        if (name.equals("ffmpeg") || name.equals("ffprobe")) {
                            staging.resolve(name).toFile().setExecutable(true, false);
                        }
                    }
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    log.info("Unpacked the bundled ffmpeg ({}) to {}", version, target);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    // another process unpacked it first
                } catch (IOException e) {
                    if (!Files.isExecutable(target.resolve("ffprobe"))) {
                        throw e;
                    }
                } finally {
                    deleteTree(staging);
                }
            }
            return new FfmpegBinaries(target.resolve("ffmpeg"), target.resolve("ffprobe"), "bundled " + version);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the bundled ffmpeg to " + parent, e);
        }
    }

    /** The artifact's version and classifier from the jar's URL, e.g. {@code 6.1.1-1.5.10-linux-x86_64-gpl}. */
    private static String versionOf(String url) {
        var matcher =
                java.util.regex.Pattern.compile("ffmpeg-([0-9][^/!]*?)\\.jar").matcher(url);
        return matcher.find() ? matcher.group(1) : "bundled";
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", root, e.toString());
        }
    }
}
