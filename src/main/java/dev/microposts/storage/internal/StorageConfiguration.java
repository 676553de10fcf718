package dev.microposts.storage.internal;

import dev.microposts.storage.Storage;
import dev.microposts.storage.StorageUnavailableException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    /** The S3 adapter's client is closed with the context: Spring infers {@code close()} on the instance. */
    @Bean
    Storage storage(StorageProperties properties, @Value("${microposts.data-dir}") String dataDirectory) {
        Storage storage = StorageUrl.parse(properties, Path.of(dataDirectory)).open();
        log.info("Media storage: {}", storage.describe());
        return storage;
    }

    /** Shown as {@code storage} in {@code /actuator/health}: Boot drops the {@code HealthIndicator} suffix. */
    @Bean
    HealthIndicator storageHealthIndicator(Storage storage) {
        return () -> {
            try {
                storage.checkAvailable();
                return Health.up().withDetail("location", storage.describe()).build();
            } catch (StorageUnavailableException e) {
                return Health.down()
                        .withDetail("location", storage.describe())
                        .withDetail("error", e.getMessage())
                        .build();
            }
        };
    }
}
