package dev.microposts.bus.internal;

import dev.microposts.bus.EventDeliveries;
import dev.microposts.ops.AdminCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code events-incomplete} and {@code events-resubmit}: the operator's view of deliveries that did not finish,
 * as on {@code /api/v1/admin/events} ({@link BusAdminController}).
 */
@Configuration(proxyBeanMethods = false)
class BusAdminCommands {

    @Bean
    AdminCommand eventsIncomplete(EventRedelivery redelivery, Backlog backlog) {
        return new AdminCommand() {
            @Override
            public String name() {
                return "events-incomplete";
            }

            @Override
            public String arguments() {
                return "[limit]";
            }

            @Override
            public String description() {
                return "list in-process event deliveries not completed yet, and events the broker has not taken";
            }

            @Override
            public int run(List<String> arguments, BufferedReader in, PrintStream out) {
                int limit;
                try {
                    limit = arguments.isEmpty() ? 50 : Integer.parseInt(arguments.get(0));
                } catch (NumberFormatException e) {
                    out.println("Usage: events-incomplete [limit]");
                    return 2;
                }
                List<EventDeliveries.Incomplete> incomplete = redelivery.incomplete(limit);
                incomplete.forEach(p -> out.println(p.id() + "  " + p.published() + "  " + p.status() + "  attempts "
                        + p.attempts() + "  " + p.eventType() + " -> " + p.listener()));
                out.println(incomplete.size() + " incomplete delivery(ies)");
                backlog.unsent(limit)
                        .forEach(e -> out.println(e.seq() + "  " + e.occurredAt() + "  " + e.type() + "  attempts "
                                + e.attempts() + "  " + (e.lastError() == null ? "" : e.lastError())));
                out.println(backlog.unsentCount() + " event(s) not yet sent to the broker");
                return 0;
            }
        };
    }

    @Bean
    AdminCommand eventsResubmit(EventRedelivery redelivery, Backlog backlog) {
        return new AdminCommand() {
            @Override
            public String name() {
                return "events-resubmit";
            }

            @Override
            public String arguments() {
                return "";
            }

            @Override
            public String description() {
                return "deliver every incomplete event again now, and send unsent ones at the next relay pass";
            }

            @Override
            public int run(List<String> arguments, BufferedReader in, PrintStream out) {
                int unsent = backlog.sendUnsentNow();
                long incomplete = redelivery.resubmitAll();
                out.println("Resubmitted " + incomplete + " incomplete delivery(ies); " + unsent
                        + " unsent event(s) will be sent at once");
                return 0;
            }
        };
    }
}
