package dev.microposts.engines;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the twelve-factor settings ({@code DATABASE_URL}, {@code BROKER_URL}, {@code MICROPOSTS_DATA_DIR})
 * into Spring's own properties before the context starts, so the rest of the application sees one
 * consistent picture whether the engines are embedded or external.
 */
class BackingServicesEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "microposts-backing-services";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataDirectory = Path.of(environment.getProperty("microposts.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("microposts.data-dir", dataDirectory.toString());

        String databaseUrl = environment.getProperty("DATABASE_URL", "").trim();
        boolean databaseEmbedded = databaseUrl.isEmpty();
        String databaseLocation;
        if (databaseEmbedded) {
            databaseLocation = dataDirectory.resolve("postgres").toString();
        } else {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
            properties.put("spring.datasource.url", url.jdbcUrl());
            putIfPresent(properties, "spring.datasource.username", url.username());
            putIfPresent(properties, "spring.datasource.password", url.password());
            databaseLocation = url.safeForLogs();
        }
        properties.put("microposts.database.embedded", databaseEmbedded);

        String brokerUrl = environment.getProperty("BROKER_URL", "").trim();
        boolean brokerEmbedded = brokerUrl.isEmpty();
        String brokerLocation;
        if (brokerEmbedded) {
            Path journal = dataDirectory.resolve("artemis");
            properties.put("spring.artemis.mode", "embedded");
            properties.put("spring.artemis.embedded.enabled", true);
            properties.put("spring.artemis.embedded.persistent", true);
            properties.put("spring.artemis.embedded.data-directory", journal.toString());
            brokerLocation = journal.toString();
        } else {
            BrokerUrl url = BrokerUrl.parse(brokerUrl);
            properties.put("spring.artemis.mode", "native");
            properties.put("spring.artemis.embedded.enabled", false);
            properties.put("spring.artemis.broker-url", url.url());
            putIfPresent(properties, "spring.artemis.user", url.user());
            putIfPresent(properties, "spring.artemis.password", url.password());
            brokerLocation = url.url();
        }
        properties.put("microposts.broker.embedded", brokerEmbedded);

        properties.put("microposts.database.location", databaseLocation);
        properties.put("microposts.broker.location", brokerLocation);
        // why: right after the OS environment, so these derived values win over application.yml while
        // explicit SPRING_* variables, system properties and command-line arguments still win
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, properties);
        if (environment.getPropertySources().contains("systemEnvironment")) {
            environment.getPropertySources().addAfter("systemEnvironment", source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }

    /** Reads back what {@link #postProcessEnvironment} decided. */
    static BackingServices describe(Environment environment) {
        return new BackingServices(
                Path.of(environment.getRequiredProperty("microposts.data-dir")),
                environment.getRequiredProperty("microposts.database.embedded", Boolean.class),
                environment.getRequiredProperty("microposts.database.location"),
                environment.getRequiredProperty("microposts.broker.embedded", Boolean.class),
                environment.getRequiredProperty("microposts.broker.location"));
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isEmpty()) {
            properties.put(key, value);
        }
    }
}
