package dev.microposts.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * Every JSON log line names the node it comes from, {@code host/role} as alerts and samples do, also when
 * the process was started from a shell, which does not export {@code HOSTNAME}.
 */
class LoggingEnvironmentTest {

    private static final String NODE_NAME = "logging.structured.ecs.service.node-name";

    @Test
    void theNodeIsTheMachinesNameAndTheRoleWhenHostnameIsNotSet() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("HOSTNAME", "").withProperty("microposts.roles", "web");

        new LoggingEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(NODE_NAME)).matches("[^/\\s]+/web");
    }

    @Test
    void hostnameNamesTheHostWhenItIsSet() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("HOSTNAME", "web-7f9c").withProperty("microposts.roles", "web");

        new LoggingEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(NODE_NAME)).isEqualTo("web-7f9c/web");
    }

    @Test
    void severalRolesAreJoinedInTheNodeAndTheRoleField() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("HOSTNAME", "box").withProperty("microposts.roles", "worker, web");

        new LoggingEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(NODE_NAME)).isEqualTo("box/web+worker");
        assertThat(environment.getProperty("logging.structured.json.add.role")).isEqualTo("web+worker");
    }
}
