package dev.microposts.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API handler, or every handler of a controller, as on its way out, so its clients learn it from the
 * answers they already get instead of from a broken integration. Every answer the handler gives, its error answers
 * included, carries {@code Deprecation} (RFC 9745), {@code Sunset} (RFC 8594) and a {@code Link} to the successor
 * and to the notes, as {@code docs/api-versions.md} lays out. The process refuses to start when the dates break
 * the rule that a retiring handler stays at least six months:
 *
 * <pre>{@code
 * @Retiring(since = "2026-12-01", sunset = "2027-06-01", successor = "/api/v2/users/{username}")
 * @GetMapping("/api/v1/users/{username}")
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Retiring {

    /** The day, as {@code 2026-12-01} in UTC, from which clients are told; the release that adds the mark. */
    String since();

    /** The day, as {@code 2027-06-01} in UTC, after which the handler may be gone: at least six months on. */
    String sunset();

    /** Where a client goes instead: the path of the handler that replaces this one. */
    String successor();

    /** What a developer reads about the change; by default the API's description, which marks it deprecated. */
    String notes() default "/v3/api-docs";
}
