package dev.microposts.alerts.internal;

import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * One rule: a reading of this process's metrics compared with a threshold. A rule whose metric this process
 * does not have (no web requests in a worker, say) reads nothing and never fires.
 *
 * @param name short and stable, as in the history and the events: {@code video-waiting}
 * @param severity {@code page} (someone should look now) or {@code ticket} (during working hours)
 * @param summary what is wrong, in a sentence an operator understands
 * @param reading the current value, or empty when there is none
 * @param threshold the value it fires beyond
 * @param below whether it fires below the threshold instead of above
 */
record AlertRule(
        String name,
        String severity,
        String summary,
        Supplier<OptionalDouble> reading,
        double threshold,
        boolean below) {

    boolean firing(double value) {
        return below ? value < threshold : value > threshold;
    }
}
