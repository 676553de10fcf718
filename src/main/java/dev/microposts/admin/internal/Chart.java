package dev.microposts.admin.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A line chart over a time window, drawn by the template as SVG: each series is a polyline in a fixed
 * {@value #WIDTH} by {@value #HEIGHT} box, with the top of the scale and the time axis labelled, and markers (the
 * releases) as vertical lines.
 */
record Chart(String title, String unit, List<Chart.Line> lines, String top, List<Marker> markers) {

    static final int WIDTH = 600;
    static final int HEIGHT = 150;
    private static final String[] COLOURS = {"#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"};

    /** One series: its name, colour and SVG points. */
    record Line(String name, String colour, String points) {}

    /** A moment on the time axis, with its label. */
    record Marker(int x, String label) {}

    public boolean empty() {
        return lines.isEmpty();
    }

    static Chart of(
            String title,
            String unit,
            Instant from,
            Instant to,
            Map<String, NavigableMap<Instant, Double>> series,
            List<Map.Entry<Instant, String>> marks) {
        double max = series.values().stream()
                .flatMap(points -> points.values().stream())
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        double top = max <= 0 ? 1 : niceCeiling(max);
        List<Line> lines = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, NavigableMap<Instant, Double>> entry : series.entrySet()) {
            StringBuilder points = new StringBuilder();
            for (Map.Entry<Instant, Double> point : entry.getValue().entrySet()) {
                points.append(x(point.getKey(), from, to))
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.1f", HEIGHT - point.getValue() / top * HEIGHT))
                        .append(' ');
            }
            lines.add(new Line(
                    entry.getKey(),
                    COLOURS[colour++ % COLOURS.length],
                    points.toString().trim()));
        }
        List<Marker> markers = marks.stream()
                .filter(mark -> !mark.getKey().isBefore(from))
                .map(mark -> new Marker(x(mark.getKey(), from, to), mark.getValue()))
                .toList();
        return new Chart(title, unit, lines, format(top), markers);
    }

    /** Where a moment falls on the time axis, 0 to {@value #WIDTH}. */
    static int x(Instant at, Instant from, Instant to) {
        double span = Math.max(1, Duration.between(from, to).toMillis());
        return (int) Math.round(Duration.between(from, at).toMillis() / span * WIDTH);
    }

    /** 1, 2 or 5 times a power of ten, at or above the value. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String format(double value) {
        return value >= 1 && value == Math.rint(value)
                ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
