package dev.microposts.engines;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs PostgreSQL inside the process when no {@code DATABASE_URL} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "microposts.database.embedded", havingValue = "true")
class EmbeddedEnginesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEnginesConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(
            BackingServices services,
            @Value("${microposts.database.embedded-port}") int port,
            ObjectProvider<EarlyPostgresStart.Pending> earlyStart) {
        EarlyPostgresStart.Pending pending = earlyStart.getIfAvailable();
        EmbeddedPostgresServer server =
                pending != null ? pending.await() : EmbeddedPostgresServer.start(services.dataDirectory(), port);
        log.warn(
                "Embedded PostgreSQL is for one machine: it accepts password-less connections on localhost:{}."
                        + " Set DATABASE_URL to use a managed PostgreSQL server in production.",
                server.port());
        return server;
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer server) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return server.jdbcUrl();
            }
        };
    }
}
