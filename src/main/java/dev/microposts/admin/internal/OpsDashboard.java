package dev.microposts.admin.internal;

import dev.microposts.ops.ProcessStart;
import dev.microposts.ops.Releases;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The last hour, read from every process's samples and start records, ready to draw. */
@Component
class OpsDashboard {

    static final Duration WINDOW = Duration.ofHours(1);

    /** Sampling intervals a process may miss and still count as running (a long pause, a busy database). */
    private static final int QUIET_INTERVALS = 3;

    private final JdbcClient jdbc;
    private final Releases releases;
    private final Clock clock;
    private final Duration interval;

    OpsDashboard(JdbcClient jdbc, Releases releases, Clock clock, AdminProperties properties) {
        this.jdbc = jdbc;
        this.releases = releases;
        this.clock = clock;
        this.interval = properties.sampleInterval();
    }

    /** The consumers of one queue in one process, as last sampled. */
    record Workers(String node, String queue, int consumers, int busy, int min, int max) {}

    /** The span the charts cover, read once per page so every chart shares it. */
    record Window(Instant from, Instant to) {}

    /** Up to now from an hour ago, or from the first sample if that is later (a new installation). */
    Window window() {
        Instant now = clock.instant();
        Instant hourAgo = now.minus(WINDOW);
        Timestamp first = jdbc.sql("select min(at) from metric_samples where at >= ?")
                .param(Timestamp.from(hourAgo))
                .query(Timestamp.class)
                .optional()
                .orElse(null);
        return new Window(first == null ? hourAgo : first.toInstant(), now);
    }

    /** Tasks waiting by queue: the broker's count, so the highest any process read. */
    Chart depths(Window window) {
        return Chart.of(
                "Tasks waiting by queue",
                "tasks",
                window.from(),
                window.to(),
                byQueue("max", "depth", window.from(), 1),
                List.of());
    }

    /** Tasks done per minute by queue, all processes together. */
    Chart throughput(Window window) {
        double perMinute = 60_000.0 / Math.max(1, interval.toMillis());
        return Chart.of(
                "Tasks done per minute by queue",
                "tasks/min",
                window.from(),
                window.to(),
                byQueue("sum", "done", window.from(), perMinute),
                List.of());
    }

    /** The share of requests answered 5xx, with a marker at each start of a new version. */
    Chart errors(Window window) {
        Instant from = window.from();
        NavigableMap<Instant, Double> requests = total("requests", from);
        NavigableMap<Instant, Double> errors = total("errors", from);
        NavigableMap<Instant, Double> rate = new TreeMap<>();
        requests.forEach((at, count) -> rate.put(at, count > 0 ? errors.getOrDefault(at, 0.0) / count : 0));
        List<Map.Entry<Instant, String>> marks = new ArrayList<>();
        String running = null;
        for (ProcessStart start : releases.since(from)) {
            String label = Rollout.label(start);
            if (!label.equals(running)) {
                marks.add(Map.entry(start.startedAt(), label));
                running = label;
            }
        }
        return Chart.of(
                "Server errors (share of requests), with releases",
                "share",
                from,
                window.to(),
                rate.isEmpty() ? Map.of() : Map.of("5xx share", rate),
                marks);
    }

    /** Which release each process ran over the window, for the lanes beside the error chart. */
    Rollout rollout(Window window) {
        Map<String, Instant> lastSeen = new TreeMap<>();
        jdbc.sql("select node, max(at) as seen from metric_samples where at >= ? group by node")
                .param(Timestamp.from(window.from()))
                .query(row -> {
                    lastSeen.put(row.getString("node"), row.getTimestamp("seen").toInstant());
                });
        return Rollout.of(
                window.from(),
                window.to(),
                releases.byProcessSince(window.from()),
                lastSeen,
                interval.multipliedBy(QUIET_INTERVALS));
    }

    List<Workers> workers(Window window) {
        Instant recent = window.to().minus(interval.multipliedBy(QUIET_INTERVALS));
        Map<String, Map<String, Double>> latest = new TreeMap<>();
        jdbc.sql("""
                        select distinct on (node, queue, metric) node, queue, metric, value from metric_samples
                        where metric in ('workers', 'busy', 'min', 'max') and at >= ?
                        order by node, queue, metric, at desc""").param(Timestamp.from(recent)).query(row -> {
            latest.computeIfAbsent(row.getString("node") + "\t" + row.getString("queue"), k -> new TreeMap<>())
                    .put(row.getString("metric"), row.getDouble("value"));
        });
        return latest.entrySet().stream()
                .map(entry -> {
                    String[] key = entry.getKey().split("\t", 2);
                    Map<String, Double> figures = entry.getValue();
                    return new Workers(
                            key[0],
                            key[1],
                            figures.getOrDefault("workers", 0.0).intValue(),
                            figures.getOrDefault("busy", 0.0).intValue(),
                            figures.getOrDefault("min", 0.0).intValue(),
                            figures.getOrDefault("max", 0.0).intValue());
                })
                .toList();
    }

    private Map<String, NavigableMap<Instant, Double>> byQueue(
            String aggregate, String metric, Instant from, double scale) {
        Map<String, NavigableMap<Instant, Double>> series = new TreeMap<>();
        jdbc.sql("select date_bin(cast(? as interval), at, timestamptz '2000-01-01') as bucket, queue, "
                        + aggregate + "(value) as value from metric_samples"
                        + " where metric = ? and at >= ? and queue <> 'dead' group by bucket, queue order by bucket")
                .params(interval.toMillis() + " milliseconds", metric, Timestamp.from(from))
                .query(row -> {
                    series.computeIfAbsent(row.getString("queue"), q -> new TreeMap<>())
                            .put(row.getTimestamp("bucket").toInstant(), row.getDouble("value") * scale);
                });
        return series;
    }

    private NavigableMap<Instant, Double> total(String metric, Instant from) {
        NavigableMap<Instant, Double> points = new TreeMap<>();
        jdbc.sql("select date_bin(cast(? as interval), at, timestamptz '2000-01-01') as bucket, sum(value) as value"
                        + " from metric_samples where metric = ? and at >= ? group by bucket order by bucket")
                .params(interval.toMillis() + " milliseconds", metric, Timestamp.from(from))
                .query(row -> {
                    points.put(row.getTimestamp("bucket").toInstant(), row.getDouble("value"));
                });
        return points;
    }
}
