package dev.microposts.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The requests this process has answered since it started, and how many of them with a server error (5xx). */
public record RequestCounts(double requests, double serverErrors) {

    public static RequestCounts of(MeterRegistry meters) {
        double requests = 0;
        double errors = 0;
        for (Timer timer : meters.find("http.server.requests").timers()) {
            requests += timer.count();
            String status = timer.getId().getTag("status");
            if (status != null && status.startsWith("5")) {
                errors += timer.count();
            }
        }
        return new RequestCounts(requests, errors);
    }
}
