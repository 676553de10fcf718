package dev.microposts.admin.internal;

import dev.microposts.alerts.Alerts;
import dev.microposts.bus.BusMeters;
import dev.microposts.bus.EventDeliveries;
import dev.microposts.tasks.DeadLetters;
import dev.microposts.web.PageController;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operators' dashboard at {@code /admin} (admins only). */
@PageController
class OpsPages {

    private static final int DEAD_LETTERS_SHOWN = 50;
    private static final int ALERTS_SHOWN = 20;
    private static final int DELIVERIES_SHOWN = 20;

    private final OpsDashboard dashboard;
    private final Alerts alerts;
    private final DeadLetters deadLetters;
    private final EventDeliveries deliveries;
    private final MeterRegistry meters;

    OpsPages(
            OpsDashboard dashboard,
            Alerts alerts,
            DeadLetters deadLetters,
            EventDeliveries deliveries,
            MeterRegistry meters) {
        this.dashboard = dashboard;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.deliveries = deliveries;
        this.meters = meters;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        OpsDashboard.Window window = dashboard.window();
        model.addAttribute(
                // why: the errors first, so the rollout view drawn beside them is where an operator looks first
                "charts", List.of(dashboard.errors(window), dashboard.depths(window), dashboard.throughput(window)));
        model.addAttribute("width", Chart.WIDTH);
        long seconds = Duration.between(window.from(), window.to()).toSeconds();
        model.addAttribute("since", seconds < 120 ? "−" + seconds + " s" : "−" + seconds / 60 + " min");
        model.addAttribute("height", Chart.HEIGHT);
        model.addAttribute("workers", dashboard.workers(window));
        model.addAttribute("rollout", dashboard.rollout(window));
        model.addAttribute("firing", alerts.firing());
        model.addAttribute("history", alerts.recent(ALERTS_SHOWN));
        model.addAttribute("deadLetters", deadLetters.list(DEAD_LETTERS_SHOWN));
        model.addAttribute("incompleteEvents", deliveries.incompleteCount());
        model.addAttribute("incomplete", deliveries.incomplete(DELIVERIES_SHOWN));
        model.addAttribute("unsentEvents", gauge(BusMeters.UNSENT));
        return "admin/dashboard";
    }

    @PostMapping("/admin/dead-letters/retry")
    String retry(@RequestParam String id, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "notice",
                deadLetters.retry(id)
                        ? "The task is back on its queue."
                        : "That task is no longer in the dead-letter queue.");
        return "redirect:/admin#dead-letters";
    }

    @PostMapping("/admin/dead-letters/discard")
    String discard(@RequestParam String id, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "notice",
                deadLetters.discard(id)
                        ? "The task was discarded."
                        : "That task is no longer in the dead-letter queue.");
        return "redirect:/admin#dead-letters";
    }

    @PostMapping("/admin/events/resubmit")
    String resubmit(@RequestParam(required = false) UUID id, RedirectAttributes redirect) {
        String notice;
        if (id == null) {
            long resubmitted = deliveries.resubmitAll();
            notice = "Delivering " + resubmitted + (resubmitted == 1 ? " event" : " events") + " again now.";
        } else {
            notice = deliveries.resubmit(id)
                    ? "Delivering the event again now."
                    : "That delivery is no longer incomplete; it may have completed meanwhile.";
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/admin#events-heading";
    }

    private long gauge(String name) {
        return Math.round(meters.find(name).gauges().stream()
                .mapToDouble(Gauge::value)
                .filter(value -> !Double.isNaN(value))
                .max()
                .orElse(0));
    }
}
