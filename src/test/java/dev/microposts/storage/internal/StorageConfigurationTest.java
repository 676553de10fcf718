package dev.microposts.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.storage.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The module's wiring alone, in a bare context: settings in, a storage and its health check out. */
class StorageConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    @Import(StorageConfiguration.class)
    static class StorageOnly {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(StorageOnly.class);

    @Test
    void keepsMediaInTheDataDirectoryByDefault(@TempDir Path data) {
        context.withPropertyValues("microposts.data-dir=" + data).run(app -> {
            assertThat(app.getBean(Storage.class).describe()).isEqualTo("local directory " + data.resolve("media"));
            Health health =
                    app.getBean("storageHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void reportsAnUnreachableBucketAsDown() {
        context.withPropertyValues(
                        "microposts.storage.url=s3://media?endpoint=http://127.0.0.1:9",
                        "microposts.storage.access-key=AKIAEXAMPLE",
                        "microposts.storage.secret-key=wJalrXUtnFEMI")
                .run(app -> {
                    assertThat(app.getBean(Storage.class)).isInstanceOf(S3Storage.class);
                    Health health = app.getBean("storageHealthIndicator", HealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails())
                            .containsEntry(
                                    "location", "S3 bucket media at http://127.0.0.1:9 (region us-east-1, path-style)")
                            .containsKey("error");
                    assertThat(health.getDetails().toString()).doesNotContain("wJalrXUtnFEMI");
                });
    }

    @Test
    void refusesToStartWithAnUnknownStorageUrl() {
        context.withPropertyValues("microposts.storage.url=ftp://user:pw@host/media")
                .run(app -> assertThat(app.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("STORAGE_URL")
                        .hasMessageNotContaining("pw"));
    }
}
