package dev.microposts.engines;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;

/**
 * Turns the twelve-factor settings ({@code DATABASE_URL}, {@code BROKER_URL}, {@code MICROPOSTS_DATA_DIR})
 * into Spring's own properties, so the rest of the application sees one consistent picture whether
 * the engines are embedded or external.
 *
 * <p>The derived properties are computed when they are read, not once at start-up, so settings that
 * arrive late (a test's dynamic properties, say) are honoured too.
 */
class BackingServicesEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "microposts-backing-services";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var source = new DerivedProperties(environment);
        // why: right after the OS environment, so these derived values win over application.yml while
        // explicit SPRING_* variables, system properties and command-line arguments still win
        if (environment.getPropertySources().contains("systemEnvironment")) {
            environment.getPropertySources().addAfter("systemEnvironment", source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }

    /** Reads back what the derived properties say. */
    static BackingServices describe(Environment environment) {
        return new BackingServices(
                dataDirectory(environment),
                environment.getRequiredProperty("microposts.database.embedded", Boolean.class),
                environment.getRequiredProperty("microposts.database.location"),
                environment.getRequiredProperty("microposts.broker.embedded", Boolean.class),
                environment.getRequiredProperty("microposts.broker.location"));
    }

    static Path dataDirectory(Environment environment) {
        return Path.of(environment.getProperty("microposts.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
    }

    static Map<String, Object> derive(Environment environment) {
        Path dataDirectory = dataDirectory(environment);
        Map<String, Object> properties = new LinkedHashMap<>();

        String databaseUrl = environment.getProperty("DATABASE_URL", "").trim();
        boolean databaseEmbedded = databaseUrl.isEmpty();
        if (databaseEmbedded) {
            properties.put(
                    "microposts.database.location",
                    dataDirectory
                            .resolve(EmbeddedPostgresServer.CLUSTER_DIRECTORY)
                            .toString());
        } else {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
            properties.put("spring.datasource.url", url.jdbcUrl());
            putIfPresent(properties, "spring.datasource.username", url.username());
            putIfPresent(properties, "spring.datasource.password", url.password());
            properties.put("microposts.database.location", url.safeForLogs());
        }
        properties.put("microposts.database.embedded", databaseEmbedded);

        String brokerUrl = environment.getProperty("BROKER_URL", "").trim();
        boolean brokerEmbedded = brokerUrl.isEmpty();
        if (brokerEmbedded) {
            Path journal = dataDirectory.resolve("artemis");
            properties.put("spring.artemis.mode", "embedded");
            properties.put("spring.artemis.embedded.enabled", true);
            properties.put("spring.artemis.embedded.persistent", true);
            properties.put("spring.artemis.embedded.data-directory", journal.toString());
            properties.put("microposts.broker.location", journal.toString());
        } else {
            BrokerUrl url = BrokerUrl.parse(brokerUrl);
            properties.put("spring.artemis.mode", "native");
            properties.put("spring.artemis.embedded.enabled", false);
            properties.put("spring.artemis.broker-url", url.url());
            putIfPresent(properties, "spring.artemis.user", url.user());
            putIfPresent(properties, "spring.artemis.password", url.password());
            properties.put("microposts.broker.location", url.safeForLogs());
        }
        properties.put("microposts.broker.embedded", brokerEmbedded);
        return properties;
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isEmpty()) {
            properties.put(key, value);
        }
    }

    /** The derived properties, recomputed from the environment at each read. */
    static final class DerivedProperties extends EnumerablePropertySource<Object> {

        private static final Set<String> NAMES = Set.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.artemis.mode",
                "spring.artemis.embedded.enabled",
                "spring.artemis.embedded.persistent",
                "spring.artemis.embedded.data-directory",
                "spring.artemis.broker-url",
                "spring.artemis.user",
                "spring.artemis.password",
                "microposts.database.embedded",
                "microposts.database.location",
                "microposts.broker.embedded",
                "microposts.broker.location");

        // why: deriving reads the environment, which reads this source again; while deriving on this
        // thread, this source is empty
        private final ThreadLocal<Boolean> deriving = ThreadLocal.withInitial(() -> false);

        private final Environment environment;

        // why: the source object must not be the environment itself, or Spring Boot walks into the
        // environment's property sources from here, finds this source again, and never stops
        DerivedProperties(Environment environment) {
            super(PROPERTY_SOURCE, new Object());
            this.environment = environment;
        }

        @Override
        public String[] getPropertyNames() {
            return current().keySet().toArray(String[]::new);
        }

        @Override
        public boolean containsProperty(String name) {
            return NAMES.contains(name) && current().containsKey(name);
        }

        @Override
        public Object getProperty(String name) {
            return NAMES.contains(name) ? current().get(name) : null;
        }

        private Map<String, Object> current() {
            if (deriving.get()) {
                return Map.of();
            }
            deriving.set(true);
            try {
                return derive(environment);
            } finally {
                deriving.set(false);
            }
        }
    }
}
