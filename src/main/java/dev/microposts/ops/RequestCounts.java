package dev.microposts.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The requests this process has answered for the site since it started, and how many of them with a server error
 * (5xx). The actuator's are left out: a readiness probe answered 503 while a process starts or drains is the
 * process telling its balancer to wait, not an error anyone met, and every rollout would otherwise show as one.
 */
public record RequestCounts(double requests, double serverErrors) {

    public static RequestCounts of(MeterRegistry meters) {
        double requests = 0;
        double errors = 0;
        for (Timer timer : meters.find("http.server.requests").timers()) {
            String uri = timer.getId().getTag("uri");
            if (uri != null && uri.startsWith("/actuator")) {
                continue;
            }
            requests += timer.count();
            String status = timer.getId().getTag("status");
            if (status != null && status.startsWith("5")) {
                errors += timer.count();
            }
        }
        return new RequestCounts(requests, errors);
    }
}
