package dev.microposts.alerts;

import java.time.Instant;

/**
 * One firing of a rule in one process; {@code resolvedAt} and {@code resolvedValue} are null while it fires.
 */
public record Alert(
        long id,
        String rule,
        String severity,
        String summary,
        String node,
        double value,
        double threshold,
        Instant firedAt,
        Instant resolvedAt,
        Double resolvedValue) {}
