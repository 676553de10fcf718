package dev.microposts.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.ops.DeploymentMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rules read the right gauges, leave out what is not theirs, and fire on the right side of their threshold
 * (the defaults of {@link AlertProperties}); the deployment's figures stand for the other processes.
 */
class AlertRulesTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<OptionalDouble> othersErrorRate = new AtomicReference<>(OptionalDouble.empty());
    private final AtomicReference<OptionalDouble> othersDiskFree = new AtomicReference<>(OptionalDouble.empty());
    private final Map<String, AlertRule> rules = new AlertRules(
                    meters,
                    new AlertProperties(null, null, null, null, null, null, null, null, null, null),
                    new DeploymentMetrics() {
                        @Override
                        public OptionalDouble serverErrorRate(long minRequests) {
                            return othersErrorRate.get();
                        }

                        @Override
                        public OptionalDouble lowestDiskFree() {
                            return othersDiskFree.get();
                        }
                    })
            .all().stream().collect(Collectors.toMap(AlertRule::name, Function.identity()));

    @Test
    void aRuleWithoutItsMetricReadsNothing() {
        rules.values()
                .forEach(
                        rule -> assertThat(rule.reading().get()).as(rule.name()).isEmpty());
    }

    @Test
    void theDeadLetterQueueCountsForDeadLettersAndNotForWaitingTasks() {
        gauge("microposts.tasks.queue.oldest.age", "queue", "dead", 3600);
        gauge("microposts.tasks.queue.oldest.age", "queue", "probe", 30);
        gauge("microposts.tasks.queue.depth", "queue", "dead", 2);
        gauge("microposts.tasks.queue.depth", "queue", "transcode", 500);

        AlertRule waiting = rules.get("task-waiting");
        assertThat(waiting.reading().get()).hasValue(30);
        assertThat(waiting.firing(30)).isFalse();
        AlertRule dead = rules.get("dead-letters");
        assertThat(dead.reading().get()).hasValue(2);
        assertThat(dead.firing(2)).isTrue();
        assertThat(dead.firing(0)).isFalse();
    }

    @Test
    void theOldestWaitingVideoDecidesAndFiresPastFifteenMinutes() {
        gauge("microposts.media.backlog.age", "queue", "probe", 60);
        gauge("microposts.media.backlog.age", "queue", "transcode", 901);

        AlertRule rule = rules.get("video-waiting");
        assertThat(rule.reading().get()).hasValue(901);
        assertThat(rule.firing(901)).isTrue();
        assertThat(rule.firing(900)).isFalse();
    }

    @Test
    void theLeastFreeDiskOfAnyProcessDecidesAndFiresBelowTenPercent() {
        gauge("disk.free", "path", "/data", 50);
        gauge("disk.total", "path", "/data", 1000);
        AlertRule rule = rules.get("disk-full");
        assertThat(rule.reading().get()).hasValue(0.05);

        othersDiskFree.set(OptionalDouble.of(0.02));
        assertThat(rule.reading().get()).hasValue(0.02);
        othersDiskFree.set(OptionalDouble.of(0.5));
        assertThat(rule.reading().get()).hasValue(0.05);
        assertThat(rule.firing(0.05)).isTrue();
        assertThat(rule.firing(0.10)).isFalse();
    }

    @Test
    void aBrokerThatDoesNotAnswerFires() {
        AtomicReference<Double> up = new AtomicReference<>(1.0);
        Gauge.builder("microposts.broker.up", up, AtomicReference::get).register(meters);
        AlertRule rule = rules.get("broker-down");
        assertThat(rule.firing(rule.reading().get().orElseThrow())).isFalse();
        up.set(0.0);
        assertThat(rule.firing(rule.reading().get().orElseThrow())).isTrue();
    }

    @Test
    void theServerErrorRateIsTheDeploymentsAndFiresPastFivePercent() {
        othersErrorRate.set(OptionalDouble.of(0.06));
        AlertRule rule = rules.get("server-errors");
        assertThat(rule.reading().get()).hasValue(0.06);
        assertThat(rule.firing(0.06)).isTrue();
        assertThat(rule.firing(0.05)).isFalse();
    }

    private void gauge(String name, String tag, String value, double reading) {
        Gauge.builder(name, () -> reading).tag(tag, value).register(meters);
    }
}
