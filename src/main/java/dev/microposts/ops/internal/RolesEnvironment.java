package dev.microposts.ops.internal;

import dev.microposts.ops.ProcessRoles;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;

/**
 * Turns {@code MICROPOSTS_ROLES} into what the rest of the process reads: {@code microposts.process.web} and
 * {@code microposts.process.worker}, the label logs and metrics carry, and whether tasks are taken off the queues.
 * They are defaults: an explicit {@code MICROPOSTS_TASKS_WORKERS} still wins. A value that is not a role is left
 * for {@link RolesCheck} to refuse once logging is up, so the operator reads why in the usual log.
 */
class RolesEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "microposts-roles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        String label;
        boolean web = true;
        boolean worker = true;
        try {
            ProcessRoles roles = roles(environment);
            label = roles.label();
            web = roles.web();
            worker = roles.worker();
        } catch (IllegalArgumentException e) {
            label = rawRoles(environment);
        }
        defaults.put("microposts.process.label", label);
        defaults.put("microposts.process.web", web);
        defaults.put("microposts.process.worker", worker);
        defaults.put("microposts.tasks.workers", worker);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    static ProcessRoles roles(PropertyResolver environment) {
        return ProcessRoles.parse(rawRoles(environment));
    }

    /** The label of a process whose roles may not parse: the logs of a refused start still say what was asked. */
    static String label(PropertyResolver environment) {
        try {
            return roles(environment).label();
        } catch (IllegalArgumentException e) {
            return rawRoles(environment);
        }
    }

    /** {@code MICROPOSTS_ROLES} as written, {@code all} when unset: the one place that default is written. */
    static String rawRoles(PropertyResolver environment) {
        return environment.getProperty("microposts.roles", "all").strip();
    }
}
