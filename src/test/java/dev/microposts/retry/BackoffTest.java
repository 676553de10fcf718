package dev.microposts.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    @Test
    void waitsTheBaseAfterTheFirstFailure() {
        assertThat(backoff.afterFailures(1)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void doublesTheWaitWithEachFurtherFailure() {
        assertThat(backoff.afterFailures(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.afterFailures(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.afterFailures(8)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(backoff.afterFailures(9)).as("512 s").isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.afterFailures(10)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBaseAboveTheCapWaitsTheCapFromTheStart() {
        assertThat(new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(1)).afterFailures(1))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void largeFailureCountsStayAtTheCapWithoutOverflowing() {
        assertThat(backoff.afterFailures(64)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.afterFailures(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));

        Duration longest = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        assertThat(new Backoff(longest.dividedBy(3), longest).afterFailures(Integer.MAX_VALUE))
                .isEqualTo(longest);
        assertThat(new Backoff(longest, longest).afterFailures(30)).isEqualTo(longest);
    }

    @Test
    void stopsDoublingAfterTwentyDoublingsEvenBelowTheCap() {
        Backoff wide = new Backoff(Duration.ofMillis(1), Duration.ofDays(365));

        assertThat(wide.afterFailures(21)).isEqualTo(Duration.ofMillis(1L << 20));
        assertThat(wide.afterFailures(22)).isEqualTo(Duration.ofMillis(1L << 20));
    }

    @Test
    void zeroOrNegativeFailureCountsWaitTheBase() {
        assertThat(backoff.afterFailures(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.afterFailures(-1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.afterFailures(Integer.MIN_VALUE)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aZeroBaseRetriesAtOnceEveryTime() {
        Backoff immediate = new Backoff(Duration.ZERO, Duration.ofMinutes(5));

        assertThat(immediate.afterFailures(1)).isZero();
        assertThat(immediate.afterFailures(30)).isZero();
    }

    @Test
    void negativeDurationsCountAsNoWait() {
        assertThat(new Backoff(Duration.ofSeconds(-2), Duration.ofMinutes(5)).afterFailures(3))
                .isZero();
        assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(-1)).afterFailures(1))
                .isZero();
    }

    @Test
    void keepsPrecisionBelowAMillisecond() {
        assertThat(new Backoff(Duration.ofNanos(1_500), Duration.ofSeconds(1)).afterFailures(2))
                .isEqualTo(Duration.ofNanos(3_000));
    }

    @Test
    void needsBothDurations() {
        assertThatNullPointerException()
                .isThrownBy(() -> new Backoff(null, Duration.ofMinutes(5)))
                .withMessageContaining("first failure");
        assertThatNullPointerException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(2), null))
                .withMessageContaining("longest wait");
    }
}
