package dev.microposts.admin.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code microposts.admin.*}; the defaults are in {@code application.yml}.
 *
 * @param sampleInterval how often each process records its workers, queues and request counts for the
 *     operations dashboard, which is also the dashboard's finest resolution
 */
@ConfigurationProperties("microposts.admin")
record AdminProperties(Duration sampleInterval) {

    AdminProperties {
        if (sampleInterval == null || sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException(
                    "microposts.admin.sample-interval must be a positive duration, such as 1m; it was "
                            + sampleInterval);
        }
    }
}
