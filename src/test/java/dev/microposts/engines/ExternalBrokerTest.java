package dev.microposts.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.OwnDataDirectory;
import dev.microposts.support.Ports;
import dev.microposts.support.StandaloneBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code BROKER_URL} the application uses that broker (here a standalone Artemis on a TCP port)
 * instead of starting its own, and readiness follows the broker's availability.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@OwnDataDirectory
class ExternalBrokerTest {

    // why: the standalone broker keeps its journal here, apart from the application's data directory
    @TempDir
    static Path dataDir;

    private static StandaloneBroker broker;

    @LocalServerPort
    int port;

    @Autowired
    JmsTemplate jms;

    @Autowired
    BackingServices services;

    @BeforeAll
    static void startBroker() {
        broker = StandaloneBroker.start(dataDir.resolve("standalone-broker"), Ports.free(), false);
    }

    @DynamicPropertySource
    static void attach(DynamicPropertyRegistry registry) {
        registry.add("BROKER_URL", () -> broker.url());
    }

    @Test
    void usesTheConfiguredBrokerAndReportsWhenItIsGone() throws Exception {
        assertThat(services.brokerEmbedded()).isFalse();
        assertThat(services.brokerLocation()).isEqualTo(broker.url());
        jms.setReceiveTimeout(10_000);
        jms.convertAndSend("microposts.test.external", "over TCP");
        assertThat(jms.receiveAndConvert("microposts.test.external")).isEqualTo("over TCP");
        Api api = new Api(port);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

        broker.stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        api.get("/actuator/health/readiness").status())
                .isEqualTo(503));
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }
}
