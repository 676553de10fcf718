package dev.microposts.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Storage} adapter does, checked against each one by a subclass: the local directory and
 * S3 behave the same to their callers.
 */
public abstract class StorageContractTest {

    /** A new, empty storage for each test. */
    protected abstract Storage newStorage();

    /**
     * A storage that cannot work: a local root that is a file, an S3 endpoint where nothing listens. The
     * subclass closes it if it must.
     */
    protected abstract Storage unavailableStorage();

    protected Storage storage;

    @TempDir
    protected Path work;

    @BeforeEach
    void createStorage() {
        storage = newStorage();
    }

    @Test
    void storesAFileAndGivesItBackWithSizeAndContentType() throws IOException {
        Path original = randomFile("original.mp4", 3 * 1024 * 1024 + 17);

        storage.put("videos/1/original", original, "video/mp4");

        assertThat(storage.stat("videos/1/original"))
                .contains(new StoredObject("videos/1/original", Files.size(original), "video/mp4"));
        Path copy = work.resolve("downloads/copy.mp4");
        storage.download("videos/1/original", copy);
        assertThat(sha256(copy)).isEqualTo(sha256(original));
    }

    @Test
    void downloadReplacesAnExistingTarget() throws IOException {
        storage.put("a/b", textFile("new"), "text/plain");
        Path target = Files.writeString(work.resolve("target.txt"), "old content, longer than the new");

        storage.download("a/b", target);

        assertThat(target).hasContent("new");
    }

    @Test
    void aSecondPutReplacesTheObjectAndItsContentType() throws IOException {
        storage.put("posts/7/image", textFile("first version, the longer one"), "image/png");
        storage.put("posts/7/image", textFile("second"), "image/webp");

        assertThat(storage.stat("posts/7/image")).contains(new StoredObject("posts/7/image", 6, "image/webp"));
        assertThat(read(storage.open("posts/7/image", 0, -1))).isEqualTo("second");
    }

    @Test
    void opensByteRangesAsHttpRangeRequestsAskForThem() throws IOException {
        storage.put("r/digits", textFile("0123456789"), "text/plain");

        assertThat(read(storage.open("r/digits", 0, -1))).isEqualTo("0123456789");
        assertThat(read(storage.open("r/digits", 2, 3))).isEqualTo("234");
        assertThat(read(storage.open("r/digits", 7, -1)))
                .as("offset to the end")
                .isEqualTo("789");
        assertThat(read(storage.open("r/digits", 9, 1))).isEqualTo("9");
        assertThat(read(storage.open("r/digits", 4, 0))).as("zero bytes").isEmpty();
        assertThat(read(storage.open("r/digits", 8, 100)))
                .as("cut short at the end")
                .isEqualTo("89");
        assertThat(read(storage.open("r/digits", 10, -1)))
                .as("starting at the end")
                .isEmpty();
        assertThat(read(storage.open("r/digits", 50, 5)))
                .as("starting after the end")
                .isEmpty();
        assertThatThrownBy(() -> storage.open("r/digits", -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.open("r/digits", 0, -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsClosedEarlyFreeWhatTheyHeld() throws IOException {
        storage.put("r/big", randomFile("big", 2 * 1024 * 1024), "video/mp4");

        // more than S3's connection pool holds (50): a stream that kept its connection would block here
        for (int i = 0; i < 60; i++) {
            try (InputStream in = storage.open("r/big", i, -1)) {
                assertThat(in.read()).isNotNegative();
            }
        }
        try (InputStream in = storage.open("r/big", 0, 4)) {
            assertThat(in.readAllBytes()).hasSize(4);
        }
    }

    @Test
    void opensAnEmptyObject() throws IOException {
        storage.put("r/empty", Files.createFile(work.resolve("empty")), "application/octet-stream");

        assertThat(storage.stat("r/empty"))
                .hasValueSatisfying(o -> assertThat(o.size()).isZero());
        assertThat(read(storage.open("r/empty", 0, -1))).isEmpty();
        assertThat(read(storage.open("r/empty", 0, 10))).isEmpty();
    }

    @Test
    void listsTheKeysUnderAPrefixOnly() throws IOException {
        Path file = textFile("x");
        for (String key : List.of("v/1/a", "v/1/b/c", "v/12/a", "v/2/a", "w/1/a", "v1")) {
            storage.put(key, file, "text/plain");
        }

        assertThat(storage.list("v/1/")).containsExactly("v/1/a", "v/1/b/c");
        assertThat(storage.list("v/1")).containsExactly("v/1/a", "v/1/b/c", "v/12/a");
        assertThat(storage.list("v")).containsExactly("v/1/a", "v/1/b/c", "v/12/a", "v/2/a", "v1");
        assertThat(storage.list("v/1/a")).containsExactly("v/1/a");
        assertThat(storage.list("nothing/")).isEmpty();
    }

    @Test
    void listsMoreKeysThanOneS3PageHolds() throws Exception {
        Path file = textFile("x");
        List<String> keys = IntStream.range(0, 1_100)
                .mapToObj(i -> String.format("many/%04d", i))
                .toList();
        forEachInParallel(keys, key -> storage.put(key, file, "text/plain"));
        storage.put("many-more/0", file, "text/plain");

        assertThat(storage.list("many/")).containsExactlyElementsOf(keys);

        storage.deleteAll("many/");
        assertThat(storage.list("many")).containsExactly("many-more/0");
    }

    @Test
    void deletingIsIdempotent() throws IOException {
        storage.put("d/1", textFile("x"), "text/plain");

        storage.delete("d/1");
        storage.delete("d/1");
        storage.delete("never/stored");

        assertThat(storage.stat("d/1")).isEmpty();
        assertThat(storage.list("d/")).isEmpty();
    }

    @Test
    void deletesEverythingUnderAPrefixAndNothingElse() throws IOException {
        Path file = textFile("x");
        for (String key : List.of("videos/4/original", "videos/4/720p/0.ts", "videos/42/original", "videos/5/a")) {
            storage.put(key, file, "video/mp4");
        }

        storage.deleteAll("videos/4/");

        assertThat(storage.stat("videos/4/original")).isEmpty();
        assertThat(storage.list("videos/")).containsExactly("videos/42/original", "videos/5/a");
        storage.deleteAll("videos/4");
        assertThat(storage.list("videos/")).containsExactly("videos/5/a");
        storage.deleteAll("nothing/here/");
        storage.put("videos/4/original", file, "video/mp4");
        assertThat(storage.list("videos/4/")).as("stored again after deleteAll").containsExactly("videos/4/original");
    }

    @Test
    void aMissingObjectIsEmptyToStatAndAnErrorToRead() {
        assertThat(storage.stat("missing/key")).isEmpty();
        assertThat(storage.localFile("missing/key")).isEmpty();
        assertThatThrownBy(() -> storage.download("missing/key", work.resolve("x")))
                .isInstanceOf(NoSuchStoredObjectException.class)
                .hasMessageContaining("missing/key");
        assertThatThrownBy(() -> storage.open("missing/key", 0, -1)).isInstanceOf(NoSuchStoredObjectException.class);
        assertThatThrownBy(() -> storage.open("missing/key", 5, 10)).isInstanceOf(NoSuchStoredObjectException.class);
        assertThatThrownBy(() -> storage.open("missing/key", 0, 0)).isInstanceOf(NoSuchStoredObjectException.class);
        assertThat(work.resolve("x")).doesNotExist();
    }

    @Test
    void aKeyIsNotADirectoryOfOtherKeys() throws IOException {
        storage.put("p/1/original", textFile("x"), "text/plain");

        assertThat(storage.stat("p/1")).isEmpty();
        assertThatThrownBy(() -> storage.open("p/1", 0, -1)).isInstanceOf(NoSuchStoredObjectException.class);
    }

    static Stream<String> hostileKeys() {
        return Stream.of(
                "../etc/passwd",
                "/abs",
                "/etc/passwd",
                "a/../../b",
                "a/..",
                "..",
                "a/./b",
                "a//b",
                "a//",
                "",
                "Videos/1",
                "a b",
                "a\u0000b",
                "a\nb",
                "a\\b",
                "~a",
                "a/~type",
                "%2e%2e/x",
                "é",
                "x".repeat(600));
    }

    @ParameterizedTest
    @MethodSource("hostileKeys")
    void rejectsHostileKeysInEveryMethod(String key) throws IOException {
        Path file = textFile("x");
        Map<String, ThrowingCallable> calls = Map.of(
                "put", () -> storage.put(key, file, "text/plain"),
                "download", () -> storage.download(key, work.resolve("out")),
                "stat", () -> storage.stat(key),
                "open", () -> storage.open(key, 0, -1),
                "delete", () -> storage.delete(key),
                "localFile", () -> storage.localFile(key),
                "list", () -> storage.list(key),
                "deleteAll", () -> storage.deleteAll(key));
        calls.forEach((method, call) -> assertThatCode(call).as(method).isInstanceOf(IllegalArgumentException.class));
        assertThatCode(() -> storage.put("ok", file, "text/plain")).doesNotThrowAnyException();
    }

    @Test
    void rejectsNullKeysAndPrefixesAndTrailingSlashesInKeys() {
        assertThatThrownBy(() -> storage.stat("a/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.delete("a/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.stat(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.list(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.deleteAll("/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAMissingFileOrContentType() throws IOException {
        Path file = textFile("x");

        assertThatThrownBy(() -> storage.put("a", work.resolve("absent"), "text/plain"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.put("a", work, "text/plain")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.put("a", file, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(storage.stat("a")).isEmpty();
    }

    @Test
    void isAvailableAndSaysWhereItIs() {
        storage.checkAvailable();

        assertThat(storage.describe()).isNotBlank();
    }

    @Test
    @Timeout(30)
    void reportsStorageThatCannotWorkAsUnavailable() throws IOException {
        Storage broken = unavailableStorage();
        Path file = textFile("x");
        Map<String, ThrowingCallable> calls = Map.of(
                "put", () -> broken.put("a/b", file, "text/plain"),
                "download", () -> broken.download("a/b", work.resolve("out")),
                "stat", () -> broken.stat("a/b"),
                "open", () -> broken.open("a/b", 0, -1),
                "open zero bytes", () -> broken.open("a/b", 1, 0),
                "delete", () -> broken.delete("a/b"),
                "list", () -> broken.list("a/"),
                "list at the top", () -> broken.list("a"),
                "deleteAll", () -> broken.deleteAll("a/"),
                "checkAvailable", broken::checkAvailable);
        calls.forEach(
                (method, call) -> assertThatCode(call).as(method).isInstanceOf(StorageUnavailableException.class));
        assertThat(broken.describe()).isNotBlank();
    }

    protected Path textFile(String text) throws IOException {
        return Files.writeString(Files.createTempFile(work, "text-", ".txt"), text);
    }

    protected Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(work.resolve(name), bytes);
    }

    protected static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes());
        }
    }

    protected static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Eight at a time: a thousand sequential requests to S3 would make the test slow, not better. */
    private static void forEachInParallel(List<String> keys, Consumer<String> action) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = keys.stream()
                    .<Future<?>>map(key -> executor.submit(() -> action.accept(key)))
                    .toList();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
