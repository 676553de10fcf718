package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where uploads stop; refusing them at the floor is tried against the running application in DiskFloorAttacksTest. */
class DiskFloorTest {

    private static final long GB = 1_000_000_000L;

    @Test
    @DisplayName("On a large disk shared with the embedded broker, uploads stop before the broker blocks at 90% used")
    void anEmbeddedBrokersDiskKeepsItsTenPercent() {
        long floor = DiskFloor.floor(GB, 500 * GB, true);

        assertThat(floor).as("more than the 10%% Artemis keeps").isGreaterThan(50 * GB);
        assertThat(floor).isLessThan(60 * GB);
    }

    @Test
    void theSettingHoldsOnSmallDisksAndWithAnExternalBroker() {
        assertThat(DiskFloor.floor(GB, 4 * GB, true)).isEqualTo(GB);
        assertThat(DiskFloor.floor(GB, 500 * GB, false)).isEqualTo(GB);
    }
}
