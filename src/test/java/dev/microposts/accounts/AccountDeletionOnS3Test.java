package dev.microposts.accounts;

import dev.microposts.support.OwnDataDirectory;
import dev.microposts.support.S3Server;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AccountDeletionScenario} with files in an S3 bucket (a real S3-compatible server), as services keep them. */
@OwnDataDirectory
class AccountDeletionOnS3Test extends AccountDeletionScenario {

    @DynamicPropertySource
    static void s3Storage(DynamicPropertyRegistry registry) {
        S3Server s3 = S3Server.start();
        String prefix = "deletion-" + UUID.randomUUID() + "/";
        registry.add("microposts.storage.url", () -> s3.storageUrl(prefix));
        registry.add("microposts.storage.access-key", () -> S3Server.ACCESS_KEY);
        registry.add("microposts.storage.secret-key", () -> S3Server.SECRET_KEY);
    }
}
