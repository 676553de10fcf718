package dev.microposts.admin.internal;

import dev.microposts.ops.ProcessNode;
import dev.microposts.ops.RequestCounts;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every sampling interval, writes what this process measured into {@code metric_samples}: per queue the tasks
 * waiting, the tasks done, retried and given up in the interval, and the consumers; and the requests and
 * server errors in the interval. Samples older than a day are dropped.
 */
@Component
class MetricSampler {

    static final Duration KEPT = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(MetricSampler.class);

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node;
    private final Map<String, Double> lastTotals = new HashMap<>();

    MetricSampler(MeterRegistry meters, JdbcClient jdbc, Clock clock, ProcessNode node) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.name();
    }

    private record Sample(String metric, String queue, double value) {}

    @Scheduled(
            fixedDelayString = "${microposts.admin.sample-interval:1m}",
            initialDelayString = "${microposts.admin.sample-interval:1m}")
    void sample() {
        List<Sample> samples = new ArrayList<>();
        for (Gauge gauge : meters.find("microposts.tasks.queue.depth").gauges()) {
            samples.add(new Sample("depth", gauge.getId().getTag("queue"), gauge.value()));
        }
        gauges("microposts.tasks.workers", "workers", samples);
        gauges("microposts.tasks.workers.busy", "busy", samples);
        gauges("microposts.tasks.workers.min", "min", samples);
        gauges("microposts.tasks.workers.max", "max", samples);
        for (Counter counter : meters.find("microposts.tasks").counters()) {
            String outcome = counter.getId().getTag("outcome");
            String queue = counter.getId().getTag("queue");
            if ("done".equals(outcome) || "retried".equals(outcome) || "gave_up".equals(outcome)) {
                samples.add(new Sample(outcome, queue, delta(outcome + "/" + queue, counter.count())));
            }
        }
        RequestCounts requests = RequestCounts.of(meters);
        samples.add(new Sample("requests", "", delta("requests", requests.requests())));
        samples.add(new Sample("errors", "", delta("errors", requests.serverErrors())));
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
        jdbc.sql("delete from metric_samples where at < ?")
                .param(Timestamp.from(clock.instant().minus(KEPT)))
                .update();
    }
}
