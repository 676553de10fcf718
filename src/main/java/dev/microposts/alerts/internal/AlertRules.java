package dev.microposts.alerts.internal;

import dev.microposts.bus.BusMeters;
import dev.microposts.ops.DeploymentMetrics;
import dev.microposts.tasks.TaskMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The rules, read from the metrics Prometheus scrapes. Most are the deployment's own figures, the same in every
 * process (the broker's queues, the database's backlog); the server error rate and the free disk are each process's
 * own, so they are read across every process from the samples they write.
 */
@Component
class AlertRules {

    private final MeterRegistry meters;
    private final AlertProperties properties;
    private final DeploymentMetrics deployment;

    AlertRules(MeterRegistry meters, AlertProperties properties, DeploymentMetrics deployment) {
        this.meters = meters;
        this.properties = properties;
        this.deployment = deployment;
    }

    List<AlertRule> all() {
        return List.of(
                new AlertRule(
                        "video-waiting",
                        "page",
                        "A video has waited too long to be processed (seconds)",
                        () -> max("microposts.media.backlog.age", gauge -> true),
                        properties.videoWaiting().toSeconds(),
                        false),
                new AlertRule(
                        "task-waiting",
                        "page",
                        "The oldest task on a queue has waited too long (seconds)",
                        () -> max(TaskMeters.QUEUE_OLDEST_AGE, gauge -> !"dead"
                                .equals(gauge.getId().getTag("queue"))),
                        properties.taskWaiting().toSeconds(),
                        false),
                new AlertRule(
                        "server-errors",
                        "page",
                        "Too many requests answered with a server error (share of requests)",
                        this::serverErrorRate,
                        properties.serverErrorRate(),
                        false),
                new AlertRule(
                        "dead-letters",
                        "ticket",
                        "Given-up tasks wait in the dead-letter queue; retry or discard them",
                        () -> max(TaskMeters.QUEUE_DEPTH, gauge -> "dead"
                                .equals(gauge.getId().getTag("queue"))),
                        properties.deadLetters(),
                        false),
                new AlertRule(
                        "incomplete-events",
                        "page",
                        "Event deliveries are incomplete and piling up",
                        () -> max(BusMeters.INCOMPLETE, gauge -> true),
                        properties.incompleteEvents(),
                        false),
                new AlertRule(
                        "events-late",
                        "page",
                        "An event has waited too long to reach one of its listeners (seconds)",
                        () -> max(BusMeters.INCOMPLETE_OLDEST_AGE, gauge -> true),
                        properties.eventWaiting().toSeconds(),
                        false),
                new AlertRule(
                        "disk-full",
                        "page",
                        "The data directory's disk is nearly full (share free)",
                        this::diskFree,
                        properties.diskFree(),
                        true),
                new AlertRule(
                        "broker-down",
                        "page",
                        "The task broker does not answer",
                        () -> max(TaskMeters.BROKER_UP, gauge -> true),
                        1,
                        true));
    }

    private OptionalDouble max(String name, Predicate<Gauge> which) {
        return meters.find(name).gauges().stream()
                .filter(which)
                .mapToDouble(Gauge::value)
                .filter(value -> !Double.isNaN(value))
                .max();
    }

    /** The share of 5xx answers across every process, over each one's latest sampling interval. */
    private OptionalDouble serverErrorRate() {
        return deployment.serverErrorRate(properties.minRequests());
    }

    /** The least free disk of any process: this one's now, the others' as last sampled. */
    private OptionalDouble diskFree() {
        OptionalDouble own = ownDiskFree();
        OptionalDouble others = deployment.lowestDiskFree();
        if (own.isEmpty() || others.isEmpty()) {
            return own.isPresent() ? own : others;
        }
        return OptionalDouble.of(Math.min(own.getAsDouble(), others.getAsDouble()));
    }

    private OptionalDouble ownDiskFree() {
        return meters.find("disk.free").gauges().stream()
                .mapToDouble(free -> {
                    Gauge total = meters.find("disk.total")
                            .tag("path", String.valueOf(free.getId().getTag("path")))
                            .gauge();
                    return total == null || total.value() <= 0 ? Double.NaN : free.value() / total.value();
                })
                .filter(share -> !Double.isNaN(share))
                .min();
    }
}
