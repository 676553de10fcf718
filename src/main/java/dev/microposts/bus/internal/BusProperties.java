package dev.microposts.bus.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the bus ({@code microposts.bus.*}).
 *
 * @param topic the broker's multicast address the events go to, as CloudEvents in JSON
 * @param relay whether this process sends logged events to the broker (every process may; rows are locked)
 * @param relayInterval how often the relay looks for unsent events besides being woken by each commit
 * @param relayBatch most events sent in one broker transaction
 * @param retryBackoff first wait before an event or a failed listener is tried again; doubles each time
 * @param maxRetryBackoff longest such wait
 * @param redeliveryInterval how often failed in-process deliveries are looked for and resubmitted
 * @param retention how long sent events stay in the bus log for live streams to replay, and inbox entries
 */
@ConfigurationProperties("microposts.bus")
record BusProperties(
        String topic,
        boolean relay,
        Duration relayInterval,
        int relayBatch,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration redeliveryInterval,
        Duration retention) {

    /** The wait before attempt {@code attempts + 1}. */
    Duration backoff(int attempts) {
        long millis = retryBackoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxRetryBackoff.toMillis()));
    }
}
