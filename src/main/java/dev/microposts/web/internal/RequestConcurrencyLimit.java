package dev.microposts.web.internal;

import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiPaths;
import dev.microposts.web.ProblemResponses;
import dev.microposts.web.spi.FilterOrder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of requests run at once and queues the rest in arrival order.
 *
 * <p>Why: a request here is mostly CPU (JSON, templates, hashing) and short database calls on the same
 * machine. With one thread per connection, a burst puts dozens of runnable threads on a few cores and the
 * scheduler shares them out in time slices, so every request takes as long as the slowest. Queueing at the
 * door instead lets each admitted request run to completion: the same throughput with a far shorter tail
 * (see {@code bench/fanout.sh}).
 *
 * <p>Requests bounded by the network rather than the CPU (an upload, a video download) are declared
 * transfers by the module that owns them ({@link dev.microposts.web.spi.RouteTraits}), and pass without a permit, as do the
 * actuator's health probes and metrics. A request
 * that waits longer than {@code microposts.web.max-wait} is answered 503 with {@code Retry-After}.
 */
@Component
@Order(FilterOrder.REQUEST_CONCURRENCY_LIMIT)
class RequestConcurrencyLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestConcurrencyLimit.class);

    private final Semaphore permits;
    private final int limit;
    private final long maxWaitNanos;
    private final ApiLimits api;
    private final String managementPath;
    private final DeclaredRoutes routes;

    RequestConcurrencyLimit(
            WebProperties limits,
            ApiLimits api,
            DeclaredRoutes routes,
            MeterRegistry meters,
            @Value("${management.endpoints.web.base-path:/actuator}") String managementPath) {
        this.routes = routes;
        this.managementPath = managementPath + "/";
        this.limit = limits.effectiveLimit();
        this.permits = new Semaphore(limit, true);
        this.maxWaitNanos = limits.maxWait().toNanos();
        this.api = api;
        Gauge.builder("microposts.http.requests.active", permits, p -> limit - p.availablePermits())
                .description("Requests being handled, out of microposts.web.max-concurrent-requests")
                .register(meters);
        Gauge.builder("microposts.http.requests.waiting", permits, Semaphore::getQueueLength)
                .description("Requests waiting for their turn")
                .register(meters);
        log.info("Handling at most {} requests at once; the rest wait in arrival order", limit);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // why: health probes and metrics scrapes must answer most of all when the worker is saturated
        return routes.of(request).transfer() || request.getRequestURI().startsWith(managementPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!acquire()) {
            log.warn(
                    "Refused {} {}: {} requests running and {} waiting for longer than {} ms",
                    request.getMethod(),
                    request.getRequestURI(),
                    limit,
                    permits.getQueueLength(),
                    TimeUnit.NANOSECONDS.toMillis(maxWaitNanos));
            busy(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private boolean acquire() {
        try {
            return permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", String.valueOf(api.retryAfterSeconds()));
        if (ApiPaths.isApi(request)) {
            ProblemResponses.write(
                    response,
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.SERVICE_UNAVAILABLE, "The server is busy; try again in a few seconds"));
        } else {
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
        }
    }
}
