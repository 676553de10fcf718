package dev.microposts.bus.internal;

import dev.microposts.ops.AdminCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code events-incomplete} and {@code events-resubmit}: the operator's view of deliveries that did not finish. */
@Configuration(proxyBeanMethods = false)
class BusAdminCommands {

    @Bean
    AdminCommand eventsIncomplete(EventRedelivery redelivery, JdbcClient jdbc) {
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
                List<EventRedelivery.Incomplete> incomplete = redelivery.listIncomplete(limit);
                incomplete.forEach(p -> out.println(p.id() + "  " + p.published() + "  " + p.status() + "  attempts "
                        + p.attempts() + "  " + p.eventType() + " -> " + p.listener()));
                out.println(incomplete.size() + " incomplete delivery(ies)");
                jdbc.sql("select seq, type, occurred_at, send_attempts, last_error from bus_events"
                                + " where sent_at is null order by seq limit ?")
                        .param(limit)
                        .query((rs, row) -> rs.getLong("seq") + "  "
                                + rs.getTimestamp("occurred_at").toInstant()
                                + "  " + rs.getString("type") + "  attempts " + rs.getInt("send_attempts") + "  "
                                + (rs.getString("last_error") == null ? "" : rs.getString("last_error")))
                        .list()
                        .forEach(out::println);
                out.println(jdbc.sql("select count(*) from bus_events where sent_at is null")
                                .query(Long.class)
                                .single()
                        + " event(s) not yet sent to the broker");
                return 0;
            }
        };
    }

    @Bean
    AdminCommand eventsResubmit(EventRedelivery redelivery, JdbcClient jdbc) {
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
                int unsent = jdbc.sql("update bus_events set next_attempt_at = now() where sent_at is null")
                        .update();
                int incomplete = redelivery.listIncomplete(Integer.MAX_VALUE).size();
                redelivery.resubmitAll();
                out.println("Resubmitted " + incomplete + " incomplete delivery(ies); " + unsent
                        + " unsent event(s) will be sent at once");
                return 0;
            }
        };
    }
}
