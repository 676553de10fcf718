package dev.microposts.bus;

import java.util.UUID;

/**
 * What each consumer has already applied. A listener calls {@link #firstDelivery} inside the transaction that
 * applies the event: the id is recorded there, so a redelivered event is recognised, and a rolled-back attempt
 * records nothing.
 */
public interface Inbox {

    /** True the first time {@code consumer} sees {@code eventId}; false for a redelivery. Needs a transaction. */
    boolean firstDelivery(String consumer, UUID eventId);
}
