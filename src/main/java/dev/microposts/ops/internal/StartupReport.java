package dev.microposts.ops.internal;

import dev.microposts.engines.BackingServices;
import dev.microposts.ops.ProcessRoles;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints the one line an operator looks for once the process is ready, for example:
 *
 * <pre>
 * MicroPosts 0.1.0 (3f2c1ab) ready on http://localhost:8080 in 4.2 s; roles: web, worker; database: embedded PostgreSQL (/srv/data/postgres), broker: embedded Artemis (/srv/data/artemis)
 * </pre>
 *
 * A worker-only process serves no site, so it names the port of its actuator instead.
 */
@Component
@ConditionalOnWebApplication
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger("microposts");

    private final BackingServices services;
    private final ProcessRoles roles;

    StartupReport(BackingServices services, ProcessRoles roles) {
        this.services = services;
        this.roles = roles;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String url = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? "http://localhost:" + web.getWebServer().getPort()
                : "(no web server)";
        String where = "on " + url;
        if (!roles.web()) {
            String managementPort =
                    event.getApplicationContext().getEnvironment().getProperty("local.management.port");
            where = "with no site, actuator on "
                    + (managementPort == null ? url : "http://localhost:" + managementPort);
        }
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        BuildVersion build = BuildVersion.current();
        log.info(
                "MicroPosts {} ({}) ready {} in {} s; roles: {}; {}",
                build.version(),
                build.commit().equals("unknown") ? "unknown commit" : build.commit(),
                where,
                String.format("%.1f", uptime.toMillis() / 1000.0),
                String.join(", ", roles.names()),
                services.describe());
    }
}
