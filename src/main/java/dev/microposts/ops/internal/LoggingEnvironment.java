package dev.microposts.ops.internal;

import dev.microposts.ops.ProcessNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How the process logs, decided before logging starts. With {@code microposts.log.format=json} (the default)
 * every line on stdout is one ECS JSON object carrying the service name, its version and commit
 * ({@code 0.1.0+3f2c1ab}), the process's node (the same {@code host/role} name alerts and samples carry, so
 * they join), its roles ({@code all}, {@code web}, {@code web+worker}) and, inside a request or a task, its trace and span ids; with
 * {@code text} lines are the familiar human-readable ones. Either way the settings below are defaults that
 * Spring Boot's own {@code logging.*} properties override.
 */
class LoggingEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "microposts-logging";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        String format = environment.getProperty("microposts.log.format", "json").strip();
        if (format.equals("json")) {
            defaults.put("logging.structured.format.console", "ecs");
        } else if (!format.equals("text")) {
            throw new IllegalArgumentException("microposts.log.format must be json or text, not '" + format + "'");
        }
        defaults.put("logging.structured.ecs.service.name", "microposts");
        defaults.put(
                "logging.structured.ecs.service.version", BuildVersion.current().label());
        String role = RolesEnvironment.label(environment);
        defaults.put(
                "logging.structured.ecs.service.node-name",
                ProcessNode.of(HostName.of(environment), role).name());
        defaults.put("logging.structured.json.add.role", role);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
