package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.media.internal.TransferSlots.Admission;
import org.junit.jupiter.api.Test;

class TransferSlotsTest {

    @Test
    void aClientGetsItsShareAndItsSlotsBackOnRelease() {
        TransferSlots slots = new TransferSlots(2, 10);
        TransferSlots.Slot first = slots.acquire("192.0.2.1");
        TransferSlots.Slot second = slots.acquire("192.0.2.1");
        TransferSlots.Slot third = slots.acquire("192.0.2.1");

        assertThat(first.admission()).isEqualTo(Admission.ADMITTED);
        assertThat(second.admission()).isEqualTo(Admission.ADMITTED);
        assertThat(third.admission()).isEqualTo(Admission.CLIENT_BUSY);
        assertThat(slots.acquire("192.0.2.2").admission()).isEqualTo(Admission.ADMITTED);
        assertThat(slots.held()).isEqualTo(3);

        slots.release(third); // a refused slot holds nothing to give back
        assertThat(slots.held()).isEqualTo(3);
        slots.release(first);
        assertThat(slots.held()).isEqualTo(2);
        assertThat(slots.acquire("192.0.2.1").admission()).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void theAddressesOfOneIpv6NetworkAreOneClient() {
        TransferSlots slots = new TransferSlots(1, 10);
        assertThat(slots.acquire("2001:db8:0:1::1").admission()).isEqualTo(Admission.ADMITTED);
        assertThat(slots.acquire("2001:db8:0:1::ffff").admission()).isEqualTo(Admission.CLIENT_BUSY);
        assertThat(slots.acquire("2001:db8:0:2::1").admission()).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void theProcessTotalHoldsWhateverTheClients() {
        TransferSlots slots = new TransferSlots(0, 2);
        TransferSlots.Slot first = slots.acquire("192.0.2.1");
        slots.acquire("192.0.2.2");
        TransferSlots.Slot refused = slots.acquire("192.0.2.3");

        assertThat(refused.admission()).isEqualTo(Admission.PROCESS_BUSY);
        slots.release(refused);
        assertThat(slots.held()).isEqualTo(2);
        slots.release(first);
        assertThat(slots.acquire("192.0.2.3").admission()).isEqualTo(Admission.ADMITTED);
    }
}
