package dev.microposts.ops.internal;

import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;

/**
 * Metrics and build details are for the operator, not the public: outside local mode, the site's own port
 * serves only the health probes. Everything else of the actuator is there when {@code MANAGEMENT_SERVER_PORT}
 * moves it to a port of its own (which the operator keeps private), in local mode (one machine, embedded
 * database), or when {@code microposts.web.public-actuator} says so.
 */
class ActuatorExposure implements EnvironmentPostProcessor {

    static final String SOURCE = "microposts-actuator-exposure";

    private final Log log;

    ActuatorExposure(DeferredLogFactory logs) {
        this.log = logs.getLog(ActuatorExposure.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (servesEverything(environment)) {
            return;
        }
        var healthOnly = new MapPropertySource(SOURCE, Map.of("management.endpoints.web.exposure.include", "health"));
        // why: above application.yml, which exposes info and prometheus, and below what the operator sets
        if (environment.getPropertySources().contains("systemEnvironment")) {
            environment.getPropertySources().addAfter("systemEnvironment", healthOnly);
        } else {
            environment.getPropertySources().addFirst(healthOnly);
        }
        log.info("The site's port serves only /actuator/health: set MANAGEMENT_SERVER_PORT to serve metrics and"
                + " /actuator/info on a private port (or MICROPOSTS_WEB_PUBLIC_ACTUATOR=true to serve them here)");
    }

    static boolean servesEverything(PropertyResolver environment) {
        String managementPort =
                environment.getProperty("management.server.port", "").strip();
        String serverPort = environment.getProperty("server.port", "8080").strip();
        if (!managementPort.isEmpty() && !managementPort.equals(serverPort)) {
            return true;
        }
        Boolean configured = environment.getProperty("microposts.web.public-actuator", Boolean.class);
        if (configured != null) {
            return configured;
        }
        // local mode: the embedded database, so one machine
        return environment.getProperty("DATABASE_URL", "").isBlank();
    }
}
