package dev.microposts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The newest release in {@code RELEASES.tsv}, built from its commit in this repository's history the way a developer
 * would: a working tree of the commit and {@code ./mvnw -DskipTests package} in it. The working tree is a clone
 * sharing this repository's objects rather than a linked {@code git worktree}, whose HEAD the commit-id plugin reads
 * from the main checkout, stamping the release with today's commit. The jar is kept in
 * {@code ~/.cache/microposts/releases} (or {@code -Dmicroposts.releases.cache}) under the commit's hash, so each
 * release is built once per machine; the working tree is deleted again.
 */
public record PreviousRelease(String version, String commit) {

    private static final Duration BUILD_TIME_LIMIT = Duration.ofMinutes(20);

    /** The last line of {@code RELEASES.tsv}: the release the current tree is upgraded from. */
    public static PreviousRelease newest() {
        try (Stream<String> lines = Files.lines(repository().resolve("RELEASES.tsv"), StandardCharsets.UTF_8)) {
            String[] last = lines.skip(1)
                    .filter(line -> !line.isBlank())
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new IllegalStateException("RELEASES.tsv lists no release"))
                    .split("\t");
            return new PreviousRelease(last[0], last[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit's short hash, as the build stamps it: {@code 914205c}. */
    public String shortCommit() {
        return commit.substring(0, 7);
    }

    /** How the dashboard names it: {@code 0.1.0 (914205c)}. */
    public String label() {
        return version + " (" + shortCommit() + ")";
    }

    /** The release's packaged jar, built now unless an earlier run left it in the cache. */
    public Path jar() {
        Path cache = Path.of(System.getProperty(
                "microposts.releases.cache",
                Path.of(System.getProperty("user.home"), ".cache", "microposts", "releases")
                        .toString()));
        Path jar = cache.resolve("microposts-" + version + "-" + commit + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try {
            Files.createDirectories(cache);
            Path worktree = Files.createTempDirectory("microposts-" + version + "-");
            try {
                run(
                        repository(),
                        Duration.ofMinutes(2),
                        "git",
                        "clone",
                        "-q",
                        "--shared",
                        "--no-checkout",
                        ".",
                        worktree.toString());
                run(
                        worktree,
                        Duration.ofMinutes(2),
                        "git",
                        "-c",
                        "advice.detachedHead=false",
                        "checkout",
                        "-q",
                        commit);
                stampVersion(worktree.resolve("pom.xml"));
                run(worktree, BUILD_TIME_LIMIT, "./mvnw", "-B", "-ntp", "-q", "-DskipTests", "package");
                Path built;
                try (Stream<Path> files = Files.list(worktree.resolve("target"))) {
                    built = files.filter(file -> file.getFileName().toString().matches("microposts-.*\\.jar"))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("the build of " + this + " made no jar"));
                }
                Path partial = Files.createTempFile(cache, "building-", ".jar");
                Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
                // why: a run stopped half-way must not leave a broken jar under the name the next run trusts
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                try (Stream<Path> files = Files.walk(worktree)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(file -> file.toFile().delete());
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Releases are commits whose {@code pom.xml} carries the version; 0.1.0 was recorded at a commit that still read
     * {@code 0.1.0-SNAPSHOT}, so its build is stamped with the version {@code RELEASES.tsv} gives it.
     */
    private void stampVersion(Path pom) throws IOException {
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        String snapshot = "<version>" + version + "-SNAPSHOT</version>";
        int first = text.indexOf(snapshot);
        if (first >= 0) {
            text = text.substring(0, first) + "<version>" + version + "</version>"
                    + text.substring(first + snapshot.length());
            Files.writeString(pom, text, StandardCharsets.UTF_8);
        }
    }

    private static Path repository() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    private static void run(Path directory, Duration limit, String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        try {
            Path output = Files.createTempFile("microposts-release-build-", ".log");
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            // why: the Maven running this test describes its own project there; the release's build finds its own
            builder.environment().remove("MAVEN_PROJECTBASEDIR");
            builder.environment().remove("MAVEN_CMD_LINE_ARGS");
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(line + " in " + directory
                        + (finished ? " exited with " + process.exitValue() : " timed out") + ":\n" + printed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
