package dev.microposts.admin.internal;

import dev.microposts.ops.DeploymentMetrics;
import dev.microposts.ops.Leadership;
import dev.microposts.ops.ProcessNode;
import dev.microposts.ops.RequestCounts;
import dev.microposts.tasks.TaskMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every sampling interval, writes what this process measured into {@code metric_samples}: per queue the tasks
 * waiting, the tasks done, retried and given up in the interval, and the consumers; and the requests and
 * server errors in the interval, and the share of free disk where the data directory is. The leader drops samples
 * older than a day, and reads the latest sample of every process to judge the deployment's alerts.
 */
@Component
class MetricSampler implements DeploymentMetrics {

    static final Duration KEPT = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(MetricSampler.class);

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node;
    private final Leadership leadership;
    private final Duration interval;
    private final Map<String, Double> lastTotals = new HashMap<>();

    MetricSampler(
            MeterRegistry meters,
            JdbcClient jdbc,
            Clock clock,
            ProcessNode node,
            Leadership leadership,
            AdminProperties properties) {
        this.leadership = leadership;
        this.interval = properties.sampleInterval();
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.name();
    }

    private record Sample(String metric, String queue, double value) {}

    @Scheduled(
            fixedDelayString = "${microposts.admin.sample-interval}",
            initialDelayString = "${microposts.admin.sample-interval}")
    void sample() {
        List<Sample> samples = new ArrayList<>();
        for (Gauge gauge : meters.find(TaskMeters.QUEUE_DEPTH).gauges()) {
            samples.add(new Sample("depth", gauge.getId().getTag("queue"), gauge.value()));
        }
        gauges(TaskMeters.WORKERS, "workers", samples);
        gauges(TaskMeters.WORKERS_BUSY, "busy", samples);
        gauges(TaskMeters.WORKERS_MIN, "min", samples);
        gauges(TaskMeters.WORKERS_MAX, "max", samples);
        for (Counter counter : meters.find(TaskMeters.TASKS).counters()) {
            String outcome = counter.getId().getTag("outcome");
            String queue = counter.getId().getTag("queue");
            if ("done".equals(outcome) || "retried".equals(outcome) || "gave_up".equals(outcome)) {
                samples.add(new Sample(outcome, queue, delta(outcome + "/" + queue, counter.count())));
            }
        }
        RequestCounts requests = RequestCounts.of(meters);
        samples.add(new Sample("requests", "", delta("requests", requests.requests())));
        samples.add(new Sample("errors", "", delta("errors", requests.serverErrors())));
        diskFree().ifPresent(share -> samples.add(new Sample("disk_free", "", share)));
        try {
            write(samples);
        } catch (DataAccessException e) {
            log.warn("Could not record this interval's metrics: {}", e.toString());
        }
    }

    private void gauges(String name, String metric, List<Sample> samples) {
        for (Gauge gauge : meters.find(name).gauges()) {
            samples.add(new Sample(metric, gauge.getId().getTag("queue"), gauge.value()));
        }
    }

    /** What a running total added since the last sample (all of it at the first). */
    private double delta(String key, double total) {
        Double last = lastTotals.put(key, total);
        return Math.max(0, total - (last == null ? 0 : last));
    }

    private void write(List<Sample> samples) {
        Timestamp now = Timestamp.from(clock.instant());
        for (Sample sample : samples) {
            jdbc.sql("insert into metric_samples (at, node, metric, queue, value) values (?, ?, ?, ?, ?)")
                    .params(now, node, sample.metric(), sample.queue() == null ? "" : sample.queue(), sample.value())
                    .update();
        }
        if (leadership.isLeader()) {
            jdbc.sql("delete from metric_samples where at < ?")
                    .param(Timestamp.from(clock.instant().minus(KEPT)))
                    .update();
        }
    }

    private OptionalDouble diskFree() {
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

    @Override
    public OptionalDouble serverErrorRate(long minRequests) {
        List<Double> totals = jdbc.sql("select coalesce(sum(value) filter (where metric = 'requests'), 0),"
                        + " coalesce(sum(value) filter (where metric = 'errors'), 0) from ("
                        + latest("'requests', 'errors'") + ") latest")
                .param(recent())
                .query((row, number) -> List.of(row.getDouble(1), row.getDouble(2)))
                .single();
        double requests = totals.get(0);
        return requests < Math.max(1, minRequests)
                ? OptionalDouble.empty()
                : OptionalDouble.of(totals.get(1) / requests);
    }

    @Override
    public OptionalDouble lowestDiskFree() {
        Double lowest = jdbc.sql("select min(value) from (" + latest("'disk_free'") + ") latest")
                .param(recent())
                .query(Double.class)
                .optional()
                .orElse(null);
        return lowest == null ? OptionalDouble.empty() : OptionalDouble.of(lowest);
    }

    /** The latest sample of each process for each of {@code metrics}, written after the one parameter. */
    private static String latest(String metrics) {
        return "select distinct on (node, metric) metric, value from metric_samples where metric in (" + metrics
                + ") and at > ? order by node, metric, at desc";
    }

    /** Samples of processes still running: one that wrote none for two intervals is gone. */
    private Timestamp recent() {
        return Timestamp.from(clock.instant().minus(interval.multipliedBy(2)));
    }
}
