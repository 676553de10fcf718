package dev.microposts.alerts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code microposts.alerts.*}: how often the rules are evaluated and their thresholds.
 *
 * @param enabled whether this process evaluates the rules at all
 * @param interval how often the leader evaluates them
 * @param videoWaiting fire when a video has waited longer than this to be processed
 * @param taskWaiting fire when the oldest task of a queue has waited longer than this
 * @param serverErrorRate fire when more than this share of requests answered 5xx over the interval
 * @param minRequests the fewest requests in an interval for the error rate to count
 * @param deadLetters fire when more than this many tasks wait in the dead-letter queue
 * @param incompleteEvents fire when more than this many event deliveries are incomplete
 * @param eventWaiting fire when the oldest incomplete event delivery has waited longer than this
 * @param diskFree fire when less than this share of the data directory's disk is free
 */
@ConfigurationProperties("microposts.alerts")
record AlertProperties(
        Boolean enabled,
        Duration interval,
        Duration videoWaiting,
        Duration taskWaiting,
        Double serverErrorRate,
        Integer minRequests,
        Long deadLetters,
        Long incompleteEvents,
        Duration eventWaiting,
        Double diskFree) {

    AlertProperties {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(30) : interval;
        videoWaiting = videoWaiting == null ? Duration.ofMinutes(15) : videoWaiting;
        taskWaiting = taskWaiting == null ? Duration.ofMinutes(15) : taskWaiting;
        serverErrorRate = serverErrorRate == null ? 0.05 : serverErrorRate;
        minRequests = minRequests == null ? 20 : minRequests;
        deadLetters = deadLetters == null ? 0 : deadLetters;
        incompleteEvents = incompleteEvents == null ? 100 : incompleteEvents;
        eventWaiting = eventWaiting == null ? Duration.ofMinutes(10) : eventWaiting;
        diskFree = diskFree == null ? 0.10 : diskFree;
    }
}
