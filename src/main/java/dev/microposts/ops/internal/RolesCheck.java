package dev.microposts.ops.internal;

import dev.microposts.ops.ProcessRoles;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;

/**
 * Refuses to start a process whose roles cannot work: an unknown role, or a share of the work (a role that is not
 * {@code all}) while PostgreSQL or the broker runs inside this process, where no other process can reach them to do
 * the rest. It runs as soon as logging is set up and before any engine starts, so the refusal is one clear line
 * and nothing has to be stopped again. Admin commands take no roles and are not checked.
 */
class RolesCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getSpringApplication().getWebApplicationType() == WebApplicationType.NONE) {
            return;
        }
        ConfigurableEnvironment environment = event.getEnvironment();
        obsoleteRoleSetting(environment).ifPresent(LoggerFactory.getLogger(RolesCheck.class)::warn);
        ProcessRoles roles;
        try {
            roles = RolesEnvironment.roles(environment);
        } catch (IllegalArgumentException e) {
            throw new RolesRefused(e.getMessage());
        }
        if (!roles.split()) {
            return;
        }
        boolean embeddedDatabase = environment.getProperty("microposts.database.embedded", Boolean.class, true);
        boolean embeddedBroker = environment.getProperty("microposts.broker.embedded", Boolean.class, true);
        if (embeddedDatabase || embeddedBroker) {
            String embedded = embeddedDatabase && embeddedBroker
                    ? "PostgreSQL and the broker run"
                    : embeddedDatabase ? "PostgreSQL runs" : "the broker runs";
            String missing = embeddedDatabase && embeddedBroker
                    ? "DATABASE_URL and BROKER_URL"
                    : embeddedDatabase ? "DATABASE_URL" : "BROKER_URL";
            throw new RolesRefused(ProcessRoles.SETTING + "=" + roles.label().replace('+', ',') + " runs only part of"
                    + " MicroPosts, but " + embedded + " inside this process, where no other process can reach"
                    + " them; set " + missing + ", or leave " + ProcessRoles.SETTING + " at all");
        }
    }

    /**
     * {@code MICROPOSTS_ROLE} was only a label before roles existed and is no longer read: an operator upgrading
     * with it set would otherwise believe the process does what it names.
     */
    static Optional<String> obsoleteRoleSetting(PropertyResolver environment) {
        String old = environment.getProperty("microposts.role");
        if (old == null || old.isBlank()) {
            return Optional.empty();
        }
        return Optional.of("MICROPOSTS_ROLE=" + old.strip() + " is no longer read and changes nothing; this process"
                + " runs " + ProcessRoles.SETTING + "="
                + RolesEnvironment.rawRoles(environment)
                + ". Set " + ProcessRoles.SETTING + " instead (web, worker or all) and remove MICROPOSTS_ROLE");
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Why the process will not start, in the operator's words; reported by {@link RolesFailureAnalyzer}. */
    static final class RolesRefused extends RuntimeException {

        RolesRefused(String message) {
            super(message, null, false, false);
        }
    }
}
