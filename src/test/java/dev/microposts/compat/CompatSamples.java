package dev.microposts.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * The golden samples of the messages each release wrote, under {@code src/test/resources/compat/<release>/}:
 * {@code events/<Record>.v<version>.json} and {@code tasks/<queue>[.<variant>].json}. They are read from the
 * source tree rather than the class path, so samples written by this run are the ones the next test reads.
 *
 * <p>Samples are only ever written on request: {@code -Dcompat.write=0.2.0} writes today's output as release
 * 0.2.0's samples (run before tagging a release). Without it a test never writes, so a normal run cannot rewrite
 * a release's record of what it sent.
 */
public final class CompatSamples {

    /** The system property naming the release whose samples a run writes. */
    public static final String WRITE_PROPERTY = "compat.write";

    /** The kind of sample that holds task payloads, one file per queue and shape of payload. */
    public static final String TASKS = "tasks";

    static final Path ROOT = Path.of("src", "test", "resources", "compat");

    private CompatSamples() {}

    /** The releases with samples, oldest first, by semantic version. */
    public static List<String> releases() {
        try (Stream<Path> entries = Files.list(ROOT)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted(CompatSamples::bySemver)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest release with samples: today's producers must still be readable by its consumers. */
    public static String newest() {
        List<String> releases = releases();
        if (releases.isEmpty()) {
            throw new IllegalStateException("no release has samples under " + ROOT);
        }
        return releases.get(releases.size() - 1);
    }

    /** The sample files of one release under {@code kind} ({@code events}, {@code tasks}), by file name. */
    public static List<Path> files(String release, String kind) {
        Path folder = ROOT.resolve(release).resolve(kind);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(path -> path.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Path> file(String release, String kind, String name) {
        Path path = ROOT.resolve(release).resolve(kind).resolve(name);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    public static String text(Path sample) {
        try {
            return Files.readString(sample);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a sample is named in messages: {@code compat/0.1.0}. */
    public static String where(String release) {
        return "compat/" + release;
    }

    /**
     * Writes {@code json} as the sample {@code kind/name} of the release named by {@value #WRITE_PROPERTY}, when a
     * release is named; answers whether it wrote. Written indented, one field a line, so a diff of two releases'
     * samples reads field by field.
     */
    public static boolean writeIfAsked(ObjectMapper json, String kind, String name, String document) {
        String release = System.getProperty(WRITE_PROPERTY);
        if (release == null || release.isBlank()) {
            return false;
        }
        if (!release.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException(WRITE_PROPERTY + " must be a release such as 0.2.0, not " + release);
        }
        JsonNode tree = json.readTree(document);
        Path path = ROOT.resolve(release).resolve(kind).resolve(name);
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(
                    path, json.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /**
     * Fails when today's payload of the task sample {@code name} ({@code fanout.json}) breaks a handler of the
     * newest release: tasks carry no version, and during a rolling upgrade a handler of that release takes
     * whatever today's producers enqueue.
     */
    public static void assertTaskKeepsShape(ObjectMapper json, String name, String todayPayload) {
        String newest = newest();
        Path sample = file(newest, TASKS, name)
                .orElseThrow(() -> new AssertionError(name + " has no sample in " + where(newest)));
        List<String> breaks = JsonShape.breaks(json.readTree(text(sample)), json.readTree(todayPayload));
        if (!breaks.isEmpty()) {
            throw new AssertionError("task " + name.replaceFirst("\\.json$", "") + " " + String.join(", ", breaks)
                    + " (in " + where(newest) + "): its handlers still read that; keep the field and add the new"
                    + " one beside it, or send the new payload on a new queue");
        }
    }

    static int bySemver(String left, String right) {
        return Arrays.compare(numbers(left), numbers(right));
    }

    private static int[] numbers(String release) {
        return Arrays.stream(release.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
