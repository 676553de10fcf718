package dev.microposts.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microposts.storage.internal.StorageLocation.Bucket;
import dev.microposts.storage.internal.StorageLocation.Credentials;
import dev.microposts.storage.internal.StorageLocation.Directory;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageUrlTest {

    private static final Path DATA = Path.of("/srv/microposts");

    @Test
    void noUrlMeansTheMediaDirectoryInTheDataDirectory() {
        assertThat(parse("")).isEqualTo(new Directory(Path.of("/srv/microposts/media")));
        assertThat(parse("  ")).isEqualTo(new Directory(Path.of("/srv/microposts/media")));
        assertThat(StorageUrl.parse(new StorageProperties(null, null, null, null), Path.of("data")))
                .isEqualTo(new Directory(Path.of("data/media").toAbsolutePath()));
    }

    @Test
    void aFileUrlNamesTheDirectory() {
        assertThat(parse("file:///var/lib/media/")).isEqualTo(new Directory(Path.of("/var/lib/media")));
        assertThat(parse("file:/var/lib/media")).isEqualTo(new Directory(Path.of("/var/lib/media")));
        assertThat(parse("file:///var/lib/my%20media")).isEqualTo(new Directory(Path.of("/var/lib/my media")));
    }

    @Test
    void anS3UrlNamesTheBucketAndDefaultsForAws() {
        assertThat(parse("s3://media-bucket"))
                .isEqualTo(new Bucket("media-bucket", "", null, "us-east-1", false, null));
    }

    @Test
    void anS3UrlCarriesPrefixEndpointRegionAndPathStyle() {
        assertThat(
                        parse(
                                "s3://media.example/micro/posts/?endpoint=http://minio:9000/&region=eu-west-1&path-style=false"))
                .isEqualTo(new Bucket(
                        "media.example", "micro/posts/", URI.create("http://minio:9000"), "eu-west-1", false, null));
        assertThat(bucket("s3://media?endpoint=https%3A%2F%2Fs3.example.org").pathStyle())
                .as("path-style by default with an endpoint")
                .isTrue();
    }

    @Test
    void credentialsComeFromTheSettingsOrTheUrl() {
        var settings = new StorageProperties("s3://media", "AKIA1", "s3cret", "eu-central-1");
        assertThat(StorageUrl.parse(settings, DATA))
                .isEqualTo(new Bucket("media", "", null, "eu-central-1", false, new Credentials("AKIA1", "s3cret")));

        Bucket fromUrl = bucket("s3://AK%2F1:a+b%40c%3Ad@media?region=ap-south-1");
        assertThat(fromUrl.credentials()).isEqualTo(new Credentials("AK/1", "a+b@c:d"));
        assertThat(fromUrl.region()).as("the URL's region wins").isEqualTo("ap-south-1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/srv/media",
                "media",
                "ftp://host/media",
                "http://minio:9000/media",
                "file:relative/media",
                "file://host/srv/media",
                "file:///srv/media?x=1",
                "s3://",
                "s3:media",
                "s3://ab",
                "s3://Media",
                "s3://media_bucket",
                "s3://media/../up",
                "s3://media/Upper",
                "s3://media#x",
                "s3://media?pathstyle=true",
                "s3://media?path-style=yes",
                "s3://media?region=",
                "s3://media?endpoint=ftp://minio",
                "s3://media?endpoint=minio:9000",
                "s3://media?endpoint=http://minio:9000/some/path",
                "s3://media?endpoint=http://user:pw@minio:9000",
                "s3://AKIA@media",
                "not a url at all"
            })
    void refusesAnythingElseNamingTheSettingAndTheAcceptedForms(String url) {
        assertThatThrownBy(() -> parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STORAGE_URL")
                .hasMessageContaining(StorageUrl.FORMS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3://AKIA:topsecret@Bad_Bucket",
                "s3://AKIA:top/secret@media",
                "s3:AKIA:topsecret@media",
                "s3://media?secret-key=topsecret",
                "s3://media?endpoint=http://AKIA:topsecret@minio",
                "ftp://AKIA:topsecret@host"
            })
    void neverRepeatsCredentialsInItsMessages(String url) {
        assertThatThrownBy(() -> parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("topsecret", "top/secret");
    }

    @Test
    void wantsBothKeysOrNeither() {
        assertThatThrownBy(() -> StorageUrl.parse(new StorageProperties("s3://media", "AKIA1", "", null), DATA))
                .hasMessageContaining("STORAGE_SECRET_KEY");
        assertThatThrownBy(() -> StorageUrl.parse(new StorageProperties("s3://a:b@media", "AKIA1", "x", null), DATA))
                .hasMessageContaining("keep one of them")
                .message()
                .doesNotContain("a:b");
    }

    @Test
    void describesS3StorageWithoutItsCredentials() {
        Bucket bucket = bucket("s3://AKIAEXAMPLE:wJalrXUtnFEMI@media/p?endpoint=http://minio:9000");
        try (S3Storage storage = S3Storage.connect(bucket)) {
            assertThat(storage.describe())
                    .isEqualTo("S3 bucket media under p/ at http://minio:9000 (region us-east-1, path-style)")
                    .doesNotContain("AKIAEXAMPLE", "wJalrXUtnFEMI");
        }
        assertThat(bucket.toString()).doesNotContain("AKIAEXAMPLE", "wJalrXUtnFEMI");
        assertThat(new StorageProperties("s3://a:b@media", null, "wJalrXUtnFEMI", null).toString())
                .doesNotContain("wJalrXUtnFEMI", "a:b");
    }

    private static StorageLocation parse(String url) {
        return StorageUrl.parse(new StorageProperties(url, null, null, null), DATA);
    }

    private static Bucket bucket(String url) {
        return (Bucket) parse(url);
    }
}
