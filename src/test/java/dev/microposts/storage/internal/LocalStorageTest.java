package dev.microposts.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.storage.Storage;
import dev.microposts.storage.StorageContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

class LocalStorageTest extends StorageContractTest {

    private Path root;

    @AfterEach
    void removeRoot() throws IOException {
        FileSystemUtils.deleteRecursively(root);
    }

    @Override
    protected Storage newStorage() {
        try {
            root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "storage-");
            return new LocalStorage(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Storage unavailableStorage() {
        try {
            return new LocalStorage(Files.writeString(work.resolve("a-file-not-a-directory"), "x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void keepsObjectsAsFilesUnderTheRootForTheWebServerToSend() throws IOException {
        storage.put("videos/1/720p.mp4", textFile("video"), "video/mp4");

        assertThat(storage.localFile("videos/1/720p.mp4"))
                .contains(root.toAbsolutePath().resolve("videos/1/720p.mp4"));
        assertThat(root.resolve("videos/1/720p.mp4")).hasContent("video");
        assertThat(storage.describe()).isEqualTo("local directory " + root.toAbsolutePath());
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        storage.put("a/b", textFile("one"), "text/plain");
        storage.put("a/b", textFile("two"), "text/plain");

        try (Stream<Path> files = Files.list(root.resolve("a"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("b", "b~type");
        }
    }

    @Test
    void listsNoUnfinishedWritesAndDeletesThemWithTheirPrefix() throws IOException {
        storage.put("v/1/original", textFile("x"), "video/mp4");
        Files.writeString(root.resolve("v/1").resolve(AtomicFiles.TEMPORARY_PREFIX + "left-by-a-crash.tmp"), "part");

        assertThat(storage.list("v/")).containsExactly("v/1/original");

        storage.deleteAll("v/1/");
        assertThat(root.resolve("v/1")).as("emptied directories go too").doesNotExist();
        assertThat(root.resolve("v")).exists();
    }

    @Test
    void createsTheRootWhenFirstWritten() throws IOException {
        Storage fresh = new LocalStorage(root.resolve("not/yet/there"));

        assertThat(fresh.list("a/")).isEmpty();
        assertThat(fresh.stat("a/b")).isEmpty();
        fresh.put("a/b", textFile("x"), "text/plain");
        assertThat(fresh.list("a/")).containsExactly("a/b");
    }

    @Test
    void storedObjectWithoutItsTypeFileIsServedAsBytes() throws IOException {
        storage.put("a/b", textFile("x"), "text/plain");
        Files.delete(root.resolve("a/b~type"));

        assertThat(storage.stat("a/b"))
                .hasValueSatisfying(o -> assertThat(o.contentType()).isEqualTo("application/octet-stream"));
    }
}
