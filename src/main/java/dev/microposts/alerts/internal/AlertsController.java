package dev.microposts.alerts.internal;

import dev.microposts.alerts.Alert;
import dev.microposts.web.ApiProblem;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alerts firing in every process, and their history (admins only). */
@RestController
@RequestMapping("/api/v1/admin/alerts")
class AlertsController {

    private static final int MAX_LIMIT = 1000;

    private final AlertHistory history;

    AlertsController(AlertHistory history) {
        this.history = history;
    }

    @GetMapping
    Alerts alerts(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new Alerts(history.firing(), history.recent(limit));
    }

    /** {@code firing}: open now, in any process; {@code history}: the latest firings, resolved or not. */
    record Alerts(List<Alert> firing, List<Alert> history) {}
}
