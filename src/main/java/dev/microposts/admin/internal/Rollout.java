package dev.microposts.admin.internal;

import dev.microposts.ops.ProcessStart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which release each process ran over the dashboard's window, drawn on the same time axis as the charts so a rise
 * in errors can be laid beside the step of a rollout that came before it. One lane per process (its node name,
 * which names its host and role), cut into a segment per start: a restart on another version starts a new
 * segment on the same lane, a replacement with a new host name is a new lane.
 *
 * @param lanes the processes, web processes first, then by node
 * @param versions the releases seen in the window, in the order they first ran, each with its colour
 */
record Rollout(List<Rollout.Lane> lanes, List<Rollout.Version> versions) {

    private static final String[] COLOURS = {"#64748b", "#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2"};

    /** One process's history in the window. */
    record Lane(String node, String role, List<Segment> segments) {}

    /**
     * A stretch of time one process ran one release.
     *
     * @param x where it begins on the time axis, 0 to {@link Chart#WIDTH}
     * @param width how far it runs on the axis, at least 2 so a short-lived process stays visible
     * @param running whether the process still reports; otherwise {@code to} is when it last did
     */
    record Segment(int x, int width, String release, String colour, Instant from, Instant to, boolean running) {}

    /** A release and its colour in the lanes and the legend. */
    record Version(String release, String colour) {}

    public boolean empty() {
        return lanes.isEmpty();
    }

    /**
     * Lays out the starts of every process over {@code from} to {@code to}.
     *
     * @param starts each process's last start before {@code from} and every start since, oldest first
     * @param lastSeen when each process last recorded a sample
     * @param quiet how long a process may be silent and still count as running (a few sampling intervals)
     */
    static Rollout of(
            Instant from, Instant to, List<ProcessStart> starts, Map<String, Instant> lastSeen, Duration quiet) {
        Map<String, List<ProcessStart>> byNode = new LinkedHashMap<>();
        starts.stream().sorted(Comparator.comparing(ProcessStart::startedAt)).forEach(start -> byNode.computeIfAbsent(
                        start.node(), node -> new ArrayList<>())
                .add(start));
        Map<String, String> colours = new LinkedHashMap<>();
        List<Lane> lanes = new ArrayList<>();
        for (Map.Entry<String, List<ProcessStart>> entry : byNode.entrySet()) {
            List<ProcessStart> history = entry.getValue();
            Instant seen = lastSeen.get(entry.getKey());
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                ProcessStart start = history.get(i);
                boolean last = i == history.size() - 1;
                Instant end;
                boolean running = false;
                if (!last) {
                    end = history.get(i + 1).startedAt();
                } else if (seen != null && seen.isAfter(start.startedAt())) {
                    running = !seen.isBefore(to.minus(quiet));
                    end = running ? to : seen;
                } else {
                    // why: a process reports its first sample an interval after it starts; until then it runs
                    running = !start.startedAt().isBefore(to.minus(quiet));
                    end = running ? to : start.startedAt();
                }
                if (end.isBefore(from)) {
                    continue;
                }
                Instant begin = start.startedAt().isBefore(from) ? from : start.startedAt();
                String release = label(start);
                String colour = colours.computeIfAbsent(release, r -> COLOURS[colours.size() % COLOURS.length]);
                int x = Chart.x(begin, from, to);
                int width = Math.max(2, Chart.x(end, from, to) - x);
                segments.add(new Segment(x, width, release, colour, begin, end, running));
            }
            if (!segments.isEmpty()) {
                lanes.add(
                        new Lane(entry.getKey(), history.get(history.size() - 1).role(), segments));
            }
        }
        lanes.sort(Comparator.comparing((Lane lane) -> !lane.role().contains("web"))
                .thenComparing(Lane::node));
        List<Version> versions = colours.entrySet().stream()
                .map(entry -> new Version(entry.getKey(), entry.getValue()))
                .toList();
        return new Rollout(List.copyOf(lanes), versions);
    }

    /** {@code 0.2.0 (3f2c1ab)}: the version with the commit it was built from. */
    static String label(ProcessStart start) {
        return start.version() + " (" + start.commit() + ")";
    }
}
