package dev.microposts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

/**
 * Where tests keep what they make (data directories of the embedded engines, generated videos, spooled uploads):
 * under {@code target/test-data}, and only while they need it. A test's own directories are JUnit's
 * {@code @TempDir}s, made there by {@link TestDataDirectories} and deleted once the test passes; a failed test's
 * stay for a look, named after its class. The directory of an application context that many test classes share is
 * {@link #forSharedContext}'s.
 */
public final class TestData {

    /** Under {@code target/}, so that {@code ./mvnw clean} removes whatever a run keeps. */
    static final Path ROOT = Path.of("target", "test-data");

    private TestData() {}

    /**
     * A data directory for the embedded engines of an application context that test classes share, made when the
     * context first asks for it. Spring keeps such a context until the JVM exits, so the directory is deleted then:
     * Spring Boot runs its shutdown handlers once every context has closed, when the engines have stopped writing.
     */
    public static Supplier<Path> forSharedContext(String name) {
        return new Supplier<>() {
            private Path directory;

            @Override
            public synchronized Path get() {
                if (directory == null) {
                    directory = create(name);
                    Path made = directory;
                    SpringApplication.getShutdownHandlers().add(() -> delete(made));
                }
                return directory;
            }
        };
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(ROOT), prefix + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try {
            FileSystemUtils.deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
