package dev.microposts.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.OwnDataDirectory;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * A disk too full for more uploads, made by asking for more free space than any disk has: the floor is what is
 * tried, not the machine's disk. A context of its own, since every upload here is refused.
 */
@TestPropertySource(properties = "microposts.media.min-free-disk=1000000TB")
@OwnDataDirectory
class DiskFloorAttacksTest extends ApiTest {

    @Autowired
    Storage storage;

    @Value("${microposts.data-dir}")
    String dataDir;

    @Test
    @DisplayName("Uploads to a disk below the free-space floor get 507 and write nothing, while posting goes on")
    void uploadsStopBeforeTheDiskIsFull() throws Exception {
        Api.User member = api.newUser("fulldisk");
        List<String> stored = storage.list("media/");

        Api.Response refused = api.send(api.request("/api/v1/media", member.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[256 << 10])));

        assertThat(refused.status()).as(refused.body()).isEqualTo(507);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).contains("disk").contains("not stored");
        assertThat(storage.list("media/")).isEqualTo(stored);
        assertThat(MediaAttacksTest.filesUnder(Path.of(dataDir, "uploads"))).isEmpty();
        assertThat(api.newPost(member, "text still fits")).isPositive();
    }
}
