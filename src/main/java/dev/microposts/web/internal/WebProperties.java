package dev.microposts.web.internal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The edge's own settings. Their defaults are written once, in {@code application.yml} beside the other
 * modules' settings, so the README's table, the file and the running process cannot disagree; a setting missing
 * from it fails the start instead of falling back to a second, silent default.
 *
 * @param maxConcurrentRequests requests handled at once; 0 means twice the processors the process may use
 * @param maxWait how long a request waits for its turn before it is answered 503
 * @param drainDelay on SIGTERM, how long a web process keeps serving while its readiness answers 503; none set
 *     means as long as the engines call for (see {@link #drainDelay(boolean, boolean)})
 */
@Validated
@ConfigurationProperties("microposts.web")
record WebProperties(
        @Min(0) int maxConcurrentRequests, @NotNull Duration maxWait, Duration drainDelay) {

    /** The drain when none is set and the engines are external: about what load balancers take to notice. */
    static final Duration DRAIN_WITH_EXTERNAL_ENGINES = Duration.ofSeconds(5);

    /** The limit in force: the configured one, or twice the processors. */
    int effectiveLimit() {
        return maxConcurrentRequests > 0
                ? maxConcurrentRequests
                : 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * The drain in force. A process without the web role serves nobody, so it has nobody to drain. With an
     * embedded database or broker there is no other process to send clients to, so by default there is no wait
     * and Ctrl-C stays quick.
     */
    Duration drainDelay(boolean web, boolean embeddedEngines) {
        if (!web) {
            return Duration.ZERO;
        }
        if (drainDelay != null) {
            return drainDelay;
        }
        return embeddedEngines ? Duration.ZERO : DRAIN_WITH_EXTERNAL_ENGINES;
    }
}
