package dev.microposts.bus.internal;

import dev.microposts.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's endpoints for deliveries that did not finish (admins only): in-process deliveries whose
 * listener has not completed, and events the broker has not taken yet; and the button that retries them now
 * instead of after their backoff.
 */
@RestController
@RequestMapping("/api/v1/admin/events")
class BusAdminController {

    private static final int MAX_LIMIT = 1000;

    private final EventRedelivery redelivery;
    private final Backlog backlog;

    BusAdminController(EventRedelivery redelivery, Backlog backlog) {
        this.redelivery = redelivery;
        this.backlog = backlog;
    }

    /** The oldest incomplete deliveries and unsent events, up to {@code limit} of each, with the totals. */
    @GetMapping("/incomplete")
    Incomplete incomplete(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<Delivery> deliveries = redelivery.incomplete(limit).stream()
                .map(p -> new Delivery(
                        p.id().toString(), p.eventType(), p.listener(), p.published(), p.status(), p.attempts()))
                .toList();
        return new Incomplete(redelivery.incompleteCount(), deliveries, backlog.unsentCount(), backlog.unsent(limit));
    }

    /** Delivers every incomplete event again now, and has the relay send unsent ones at its next pass. */
    @PostMapping("/resubmit")
    Resubmitted resubmitAll() {
        int unsent = backlog.sendUnsentNow();
        return new Resubmitted(redelivery.resubmitAll(), unsent);
    }

    /** Delivers one incomplete event again now; 404 when it is not (or no longer) incomplete. */
    @PostMapping("/incomplete/{id}/resubmit")
    Resubmitted resubmit(@PathVariable UUID id) {
        if (!redelivery.resubmit(id)) {
            throw ApiProblem.notFound("No incomplete delivery " + id + "; it may have completed meanwhile");
        }
        return new Resubmitted(1, 0);
    }

    /** What did not finish, the oldest first. */
    record Incomplete(long deliveriesTotal, List<Delivery> deliveries, long unsentTotal, List<Backlog.Unsent> unsent) {}

    /** One event's delivery to one in-process listener. */
    record Delivery(String id, String eventType, String listener, Instant publishedAt, String status, int attempts) {}

    /** How many deliveries were resubmitted, and how many unsent events will be sent at once. */
    record Resubmitted(long deliveries, int unsentEvents) {}
}
