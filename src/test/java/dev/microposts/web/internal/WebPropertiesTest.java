package dev.microposts.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebPropertiesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aConfiguredLimitIsKeptAndNoneMeansTwiceTheProcessors() {
        assertThat(new WebProperties(3, WAIT, null).effectiveLimit()).isEqualTo(3);
        assertThat(new WebProperties(0, WAIT, null).effectiveLimit())
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void withoutAConfiguredDrainOnlyExternalEnginesWait() {
        WebProperties unset = new WebProperties(0, WAIT, null);

        assertThat(unset.drainDelay(true, false)).isEqualTo(Duration.ofSeconds(5));
        assertThat(unset.drainDelay(true, true))
                .as("nobody to send clients to, and Ctrl-C stays quick")
                .isZero();
    }

    @Test
    void aConfiguredDrainWinsWhateverTheEngines() {
        WebProperties configured = new WebProperties(0, WAIT, Duration.ofSeconds(7));

        assertThat(configured.drainDelay(true, true)).isEqualTo(Duration.ofSeconds(7));
        assertThat(configured.drainDelay(true, false)).isEqualTo(Duration.ofSeconds(7));
        assertThat(new WebProperties(0, WAIT, Duration.ZERO).drainDelay(true, false))
                .as("set to none on purpose")
                .isZero();
    }

    @Test
    void aProcessWithoutTheWebRoleHasNothingToDrain() {
        assertThat(new WebProperties(0, WAIT, Duration.ofSeconds(7)).drainDelay(false, false))
                .isZero();
        assertThat(new WebProperties(0, WAIT, null).drainDelay(false, false)).isZero();
    }
}
