package dev.microposts.exports.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long exports are kept.
 *
 * @param expiry how long an export can be downloaded once asked for; then its archive and its record are deleted
 */
@ConfigurationProperties("microposts.exports")
record ExportsProperties(Duration expiry) {

    ExportsProperties {
        expiry = expiry == null ? Duration.ofDays(7) : expiry;
    }
}
