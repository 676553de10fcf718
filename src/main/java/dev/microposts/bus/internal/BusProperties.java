package dev.microposts.bus.internal;

import dev.microposts.retry.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the bus ({@code microposts.bus.*}).
 *
 * @param topic the broker's multicast address the events go to, as CloudEvents in JSON
 * @param relay whether this process sends logged events to the broker (one process at a time does)
 * @param relayInterval how often the relay looks for events committed by other processes
 * @param relayBatch most events sent in one broker transaction
 * @param listeners whether this process runs the in-process listeners (one process at a time runs each)
 * @param listenerBatch most events a listener is handed in one transaction
 * @param listenerThreads how many listeners of this process may work at once (each holds a database connection)
 * @param pollInterval how often this process looks in the bus log for events committed by other processes, one look
 *     for all its listeners and its relay; an idle listener also reads the log on its own every 20 of these
 * @param retryBackoff first wait before a failed event or relay pass is tried again; doubles each time
 * @param maxRetryBackoff longest such wait
 * @param redeliveryInterval how often failed deliveries that are due are retried
 * @param retention how long events stay in the bus log (for live streams to replay) once every reader is past them
 */
@ConfigurationProperties("microposts.bus")
record BusProperties(
        String topic,
        boolean relay,
        Duration relayInterval,
        int relayBatch,
        boolean listeners,
        int listenerBatch,
        int listenerThreads,
        Duration pollInterval,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration redeliveryInterval,
        Duration retention) {

    /** The wait before attempt {@code attempts + 1}. */
    Duration backoff(int attempts) {
        return new Backoff(retryBackoff, maxRetryBackoff).afterFailures(attempts);
    }
}
