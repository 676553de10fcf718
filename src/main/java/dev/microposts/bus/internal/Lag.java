package dev.microposts.bus.internal;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/** The bus's lag timers: how long after an event happened a later step took place. */
final class Lag {

    private Lag() {}

    /** A timer with buckets an alert can compare against, from a delivery in milliseconds to one minutes late. */
    static Timer.Builder timer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(
                        Duration.ofMillis(10),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(5));
    }

    /** From {@code happened} to {@code now}; never negative, though another process's clock may run ahead. */
    static Duration since(Instant happened, Instant now) {
        Duration lag = Duration.between(happened, now);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
