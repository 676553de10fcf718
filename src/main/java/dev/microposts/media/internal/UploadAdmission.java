package dev.microposts.media.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A feedback loop from the video backlog to the uploads that feed it. While {@code max-backlog} videos wait to
 * be processed, new uploads are refused with a {@code Retry-After} computed from how fast the backlog has been
 * draining; admission reopens by itself once the backlog is below four fifths of the limit (the gap keeps it
 * from flapping at the edge). The backlog is read from the database, so every web process sees the same one;
 * a reading serves for a second, so a burst of uploads costs one query.
 */
@Component
class UploadAdmission {

    private static final Logger log = LoggerFactory.getLogger(UploadAdmission.class);
    private static final Duration READING_LIFETIME = Duration.ofSeconds(1);
    private static final Duration DRAIN_WINDOW = Duration.ofMinutes(5);
    static final long MAX_RETRY_AFTER_SECONDS = 600;

    private final MediaStore store;
    private final int maxBacklog;
    private final int reopenBelow;
    private final Counter refused;
    private volatile Reading reading;
    private volatile boolean open = true;

    UploadAdmission(MediaStore store, MediaProperties properties, MeterRegistry meters) {
        this.store = store;
        this.maxBacklog = Math.max(0, properties.maxBacklog());
        this.reopenBelow = Math.max(1, maxBacklog * 4 / 5);
        this.refused = Counter.builder("microposts.media.uploads.refused")
                .description("Uploads refused while the video backlog was over its limit")
                .register(meters);
        Gauge.builder("microposts.media.backlog", this, a -> a.current().backlog())
                .description("Videos waiting to be processed")
                .register(meters);
        Gauge.builder("microposts.media.backlog.age", this, a -> a.current().oldestAgeSeconds())
                .description("Seconds the oldest video waiting to be processed has waited")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("microposts.media.backlog.drain.rate", this, a -> a.current()
                        .drainPerSecond())
                .description("Videos finished per second over the last five minutes")
                .register(meters);
        Gauge.builder("microposts.media.admission.open", this, a -> a.open ? 1 : 0)
                .description("1 while uploads are accepted, 0 while the backlog refuses them")
                .register(meters);
    }

    /** Admits an upload, or says how long to wait before trying again. */
    Decision decide() {
        if (maxBacklog == 0) {
            return Decision.ADMITTED;
        }
        Reading now = current();
        synchronized (this) {
            if (open && now.backlog() >= maxBacklog) {
                open = false;
                log.warn(
                        "Refusing uploads: {} videos wait to be processed (limit {}); they drain at {}/s",
                        now.backlog(),
                        maxBacklog,
                        String.format("%.2f", now.drainPerSecond()));
            } else if (!open && now.backlog() < reopenBelow) {
                open = true;
                log.info("Accepting uploads again: {} videos wait to be processed", now.backlog());
            }
        }
        if (open) {
            return Decision.ADMITTED;
        }
        refused.increment();
        return new Decision(false, retryAfterSeconds(now), now.backlog());
    }

    /**
     * Counts a stored upload into the reading, so the next uploads within its second see it and a burst cannot
     * overshoot. Only stored ones: a request refused for want of a login or for its size adds nothing to the
     * backlog, and counting it would let anyone close uploads for everyone.
     */
    void accepted() {
        Reading last = reading;
        if (last != null) {
            reading = last.withOneMore();
        }
    }

    /** Seconds until the backlog, draining at its recent rate, is back under the reopening mark. */
    private long retryAfterSeconds(Reading now) {
        long excess = now.backlog() - reopenBelow + 1;
        if (now.drainPerSecond() <= 0) {
            return 60;
        }
        long seconds = (long) Math.ceil(excess / now.drainPerSecond());
        return Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
    }

    private Reading current() {
        Reading last = reading;
        if (last != null && last.at().plus(READING_LIFETIME).isAfter(Instant.now())) {
            return last;
        }
        Instant now = Instant.now();
        MediaStore.Backlog backlog = store.backlog(DRAIN_WINDOW);
        Reading fresh = new Reading(
                now,
                backlog.waiting(),
                backlog.oldest() == null
                        ? 0
                        : Math.max(0, Duration.between(backlog.oldest(), now).toSeconds()),
                backlog.finished() / (double) DRAIN_WINDOW.toSeconds());
        reading = fresh;
        return fresh;
    }

    record Reading(Instant at, long backlog, long oldestAgeSeconds, double drainPerSecond) {
        Reading withOneMore() {
            return new Reading(at, backlog + 1, oldestAgeSeconds, drainPerSecond);
        }
    }

    record Decision(boolean admitted, long retryAfterSeconds, long backlog) {
        static final Decision ADMITTED = new Decision(true, 0, 0);
    }
}
