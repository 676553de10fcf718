package dev.microposts.live.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live streams ({@code microposts.live.*}).
 *
 * @param pollInterval how often the bus log is read for new events
 * @param heartbeat how often an idle stream gets a comment line, so proxies keep it open
 * @param timeout how long one stream stays open before the client is asked to reconnect
 * @param replayLimit most events replayed to a client that reconnects with {@code Last-Event-ID}
 * @param maxStreamsPerUser streams one user may hold open; opening one more closes the oldest
 * @param streamBuffer events waiting to be written to one stream; a stream whose client falls this far behind
 *     is closed, and the client catches up with {@code Last-Event-ID}
 */
@ConfigurationProperties("microposts.live")
record LiveProperties(
        Duration pollInterval,
        Duration heartbeat,
        Duration timeout,
        int replayLimit,
        int maxStreamsPerUser,
        int streamBuffer) {

    LiveProperties {
        maxStreamsPerUser = maxStreamsPerUser < 1 ? 5 : maxStreamsPerUser;
        streamBuffer = streamBuffer < 1 ? 256 : streamBuffer;
    }
}
