package dev.microposts.refusals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the domain refuses, with a message meant for the one who asked and, for invalid input, the
 * offending fields. It is an expected outcome, not a bug: it carries no stack trace and is never logged as a
 * failure.
 */
public abstract class Refusal extends RuntimeException {

    /** Why, in terms every edge can answer in its own way (the web module maps each to a status). */
    public enum Reason {
        /** What was asked for does not exist (or is not visible to the one who asked). */
        NOT_FOUND,
        /** It exists, but the one who asked may not do this to it. */
        NOT_ALLOWED,
        /** It clashes with what is already there (a username taken, a video in use). */
        CONFLICT,
        /** The input breaks a rule; {@link Refusal#fields()} says which. */
        INVALID,
        /** The credentials given do not identify anyone. */
        NOT_SIGNED_IN,
        /** It changed since the version the one who asked had read. */
        CHANGED_MEANWHILE,
        /** The one who asked has used up an allowance for a while; {@link Refusal#retryAfter()} says how long. */
        LIMIT_REACHED,
        /** The service cannot take more of this right now, whoever asks; it passes on its own. */
        BUSY,
        /** There is no room left to store it. */
        NO_SPACE
    }

    /** One invalid field, named as the API's JSON names it, and what is wrong with it. */
    public record Field(String name, String message) {}

    private final Reason reason;
    private final List<Field> fields;
    private final Duration retryAfter;

    protected Refusal(Reason reason, String message) {
        this(reason, message, List.of(), null);
    }

    protected Refusal(Reason reason, String message, List<Field> fields, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.fields = List.copyOf(fields);
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** The invalid fields, in the order found; empty unless the reason is {@link Reason#INVALID}. */
    public List<Field> fields() {
        return fields;
    }

    /** How long until asking again can succeed, when that is known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
