package dev.microposts.web.internal;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests the web worker handles at once; the rest wait their turn in arrival order.
 *
 * @param maxConcurrentRequests requests handled at once; 0 means twice the processors the process may use
 * @param maxWait how long a request waits for its turn before it is answered 503
 */
@Validated
@ConfigurationProperties("microposts.web")
public record ConcurrencyLimits(@Min(0) int maxConcurrentRequests, Duration maxWait) {

    public ConcurrencyLimits {
        if (maxWait == null) {
            maxWait = Duration.ofSeconds(10);
        }
    }

    /** The limit in force: the configured one, or twice the processors. */
    public int effectiveLimit() {
        return maxConcurrentRequests > 0
                ? maxConcurrentRequests
                : 2 * Runtime.getRuntime().availableProcessors();
    }
}
