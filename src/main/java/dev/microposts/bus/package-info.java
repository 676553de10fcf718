/**
 * The bus: one way for every module to tell the others what changed.
 *
 * <p>A module publishes a {@link dev.microposts.bus.DomainEvent} (a record named in the past tense, in the
 * module that owns the change) with Spring's {@code ApplicationEventPublisher} inside the transaction that makes
 * the change. Two things happen in that same transaction: Spring Modulith's event publication registry records
 * one publication per in-process listener (delivered after commit, asynchronously, retried until done), and the
 * event is appended to the bus log, the outbox from which the relay sends it to the broker as a CloudEvent and
 * from which live streams replay. A listener applies each event once by recording its id in the {@link
 * dev.microposts.bus.Inbox} in its own transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bus")
package dev.microposts.bus;
