package dev.microposts.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microposts.storage.Storage;
import dev.microposts.storage.StorageContractTest;
import dev.microposts.storage.StorageUnavailableException;
import dev.microposts.storage.internal.StorageLocation.Bucket;
import dev.microposts.storage.internal.StorageLocation.Credentials;
import dev.microposts.support.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The contract against a real S3 server (S3Mock, started once for the JVM); each test works under a prefix
 * of its own in the shared bucket.
 */
class S3StorageTest extends StorageContractTest {

    private static final Credentials CREDENTIALS = new Credentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);

    private static S3Server server;
    private static S3Client raw;

    private final List<S3Storage> opened = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startServer() {
        server = S3Server.start();
        raw = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void closeClient() {
        raw.close();
    }

    @AfterEach
    void closeStorages() {
        opened.forEach(S3Storage::close);
    }

    @Override
    protected Storage newStorage() {
        prefix = "contract-" + UUID.randomUUID() + "/";
        return open(new Bucket(server.bucket(), prefix, server.endpoint(), "us-east-1", true, CREDENTIALS));
    }

    @Override
    protected Storage unavailableStorage() {
        URI nothingListens = URI.create("http://127.0.0.1:" + closedPort());
        return open(new Bucket(server.bucket(), "", nothingListens, "us-east-1", true, CREDENTIALS));
    }

    @Test
    void keepsEveryKeyUnderTheConfiguredPrefix() throws IOException {
        storage.put("videos/1/original", textFile("x"), "video/mp4");

        assertThat(raw.listObjectsV2(b -> b.bucket(server.bucket()).prefix(prefix))
                        .contents())
                .extracting(S3Object::key)
                .containsExactly(prefix + "videos/1/original");
    }

    @Test
    void listsOnlyKeysThisServiceCouldHaveMade() {
        raw.putObject(b -> b.bucket(server.bucket()).key(prefix + "v/Not Ours.txt"), RequestBody.fromString("x"));
        raw.putObject(b -> b.bucket(server.bucket()).key(prefix + "v/ours"), RequestBody.fromString("x"));

        assertThat(storage.list("v/")).containsExactly("v/ours");

        storage.deleteAll("v/");
        assertThat(raw.listObjectsV2(b -> b.bucket(server.bucket()).prefix(prefix))
                        .contents())
                .as("deleteAll removes foreign objects under the prefix too")
                .isEmpty();
    }

    @Test
    void storesAFileLargerThanOneRequestBuffer() throws IOException {
        var big = randomFile("big.bin", 24 * 1024 * 1024);

        storage.put("big/1", big, "application/octet-stream");

        var copy = work.resolve("big-copy.bin");
        storage.download("big/1", copy);
        assertThat(sha256(copy)).isEqualTo(sha256(big));
    }

    @Test
    void describesTheBucketWithoutCredentials() {
        assertThat(storage.describe())
                .isEqualTo("S3 bucket test under " + prefix + " at " + server.endpoint()
                        + " (region us-east-1, path-style)")
                .doesNotContain(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    }

    @Test
    void hasNoLocalFiles() throws IOException {
        storage.put("a/b", textFile("x"), "text/plain");

        assertThat(storage.localFile("a/b")).isEmpty();
    }

    @Test
    void aMissingBucketIsUnavailableStorageNotAMissingObject() throws IOException {
        Storage missing = open(new Bucket("no-such-bucket", "", server.endpoint(), "us-east-1", true, CREDENTIALS));

        assertThatThrownBy(() -> missing.put("a/b", textFile("x"), "text/plain"))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> missing.download("a/b", work.resolve("out")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> missing.list("a/")).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(missing::checkAvailable).isInstanceOf(StorageUnavailableException.class);
    }

    private S3Storage open(Bucket location) {
        S3Storage storage = S3Storage.connect(location);
        opened.add(storage);
        return storage;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
