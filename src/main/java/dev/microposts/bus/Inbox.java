package dev.microposts.bus;

/**
 * What each consumer has already applied. A listener calls {@link #firstDelivery} inside the transaction that
 * applies the event: the id is recorded there, so a redelivered event is recognised, and a rolled-back attempt
 * records nothing. Each first delivery that commits also measures how long after it happened the event was
 * applied ({@code microposts.events.delivery.lag}, by consumer).
 */
public interface Inbox {

    /**
     * True the first time {@code consumer} (a short stable name, {@code timeline.published}) sees {@code event};
     * false for a redelivery. Needs a transaction.
     */
    boolean firstDelivery(String consumer, DomainEvent event);
}
