package dev.microposts.alerts.internal;

import dev.microposts.alerts.Alert;
import dev.microposts.ops.Leadership;
import dev.microposts.ops.ProcessNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates the rules every interval and records each transition: a rule whose condition becomes true fires
 * (a history row and {@code AlertFired}), and one that fires resolves once its condition is false again (the
 * row closed and {@code AlertResolved}). A rule with nothing to read keeps its state. Only the leader evaluates,
 * for the whole deployment, so an incident is one alert however many processes run; {@code node} names the process
 * that saw it fire. A process that becomes leader takes over the alerts open at that moment, whoever fired them,
 * and resolves them when their condition is over.
 */
@Component
class Alerting {

    private static final Logger log = LoggerFactory.getLogger(Alerting.class);

    private final AlertRules rules;
    private final AlertHistory history;
    private final AlertProperties properties;
    private final String node;
    private final Leadership leadership;
    private final Map<String, Alert> firing = new ConcurrentHashMap<>();
    private boolean loaded;

    Alerting(
            AlertRules rules,
            AlertHistory history,
            AlertProperties properties,
            MeterRegistry meters,
            ProcessNode node,
            Leadership leadership) {
        this.leadership = leadership;
        this.rules = rules;
        this.history = history;
        this.properties = properties;
        this.node = node.name();
        Gauge.builder("microposts.alerts.firing", firing, Map::size)
                .description("Alert rules firing in the deployment, as its leader counts them (0 elsewhere)")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${microposts.alerts.interval:30s}",
            initialDelayString = "${microposts.alerts.interval:30s}")
    void evaluate() {
        if (!properties.enabled()) {
            return;
        }
        if (!leadership.isLeader()) {
            // why: another process leads, or will; the alerts it opens or closes meanwhile are read afresh on return
            firing.clear();
            loaded = false;
            return;
        }
        try {
            if (!loaded) {
                firing.putAll(history.open());
                loaded = true;
            }
            for (AlertRule rule : rules.all()) {
                OptionalDouble reading = rule.reading().get();
                if (reading.isEmpty()) {
                    continue;
                }
                double value = reading.getAsDouble();
                Alert open = firing.get(rule.name());
                if (rule.firing(value) && open == null) {
                    firing.put(rule.name(), history.fire(rule, value, node));
                    log.warn(
                            "Alert {} fired: {}: {} (threshold {})",
                            rule.name(),
                            rule.summary(),
                            value,
                            rule.threshold());
                } else if (!rule.firing(value) && open != null) {
                    history.resolve(open, value);
                    firing.remove(rule.name());
                    log.info("Alert {} resolved: {} is back within {}", rule.name(), value, rule.threshold());
                }
            }
        } catch (DataAccessException e) {
            log.warn("Could not record alerts this time: {}", e.toString());
        }
    }
}
