package dev.microposts.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which actuator endpoints the site's own port serves. The whole process is tried in {@code RolesTest}, whose
 * web process runs on external engines with no management port.
 */
class ActuatorExposureTest {

    private static final String EXPOSED = "management.endpoints.web.exposure.include";

    @Test
    @DisplayName("Metrics and build details are not served on the site's port of a production process")
    void productionServesOnlyHealthOnTheSitesPort() {
        assertThat(exposedAfterStart(new MockEnvironment().withProperty("DATABASE_URL", "postgres://db/x")))
                .isEqualTo("health");
    }

    @Test
    void aPrivateManagementPortServesEverything() {
        assertThat(exposedAfterStart(new MockEnvironment()
                        .withProperty("DATABASE_URL", "postgres://db/x")
                        .withProperty("server.port", "8080")
                        .withProperty("management.server.port", "9090")))
                .isEqualTo("health,info,prometheus");
    }

    @Test
    void localModeAndTheExplicitSettingServeEverything() {
        assertThat(exposedAfterStart(new MockEnvironment())).isEqualTo("health,info,prometheus");
        assertThat(exposedAfterStart(new MockEnvironment()
                        .withProperty("DATABASE_URL", "postgres://db/x")
                        .withProperty("microposts.web.public-actuator", "true")))
                .isEqualTo("health,info,prometheus");
        assertThat(exposedAfterStart(new MockEnvironment().withProperty("microposts.web.public-actuator", "false")))
                .isEqualTo("health");
    }

    private static String exposedAfterStart(MockEnvironment environment) {
        // what application.yml exposes
        environment.setProperty(EXPOSED, "health,info,prometheus");
        new ActuatorExposure(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(EXPOSED);
    }
}
