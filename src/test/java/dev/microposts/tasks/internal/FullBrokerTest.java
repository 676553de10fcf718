package dev.microposts.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.microposts.support.OwnDataDirectory;
import dev.microposts.support.Ports;
import dev.microposts.support.StandaloneBroker;
import dev.microposts.tasks.Tasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.JmsException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A broker that cannot store more holds its senders without end (as Artemis does once its disk is 90% used).
 * Here the task addresses hold 64 KB and block past it, and nothing consumes them; a send must then fail within
 * its time limit, as with the broker down, and a crowd of senders must not queue up behind the blocked ones.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"microposts.tasks.workers=false", "microposts.tasks.send-timeout=1s"})
@OwnDataDirectory
class FullBrokerTest {

    private static final String PAYLOAD = "x".repeat(16 * 1024);

    // why: the standalone broker keeps its journal here, apart from the application's data directory
    @TempDir
    static Path root;

    static StandaloneBroker broker;

    @Autowired
    Tasks tasks;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        broker = StandaloneBroker.start(
                root.resolve("broker"), Ports.free(), false, tasks -> tasks.setMaxSizeBytes(64 * 1024)
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.BLOCK));
        registry.add("BROKER_URL", broker::url);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    @DisplayName("A broker that blocks senders (its disk full) makes a task send fail within its time limit, not hang")
    void sendsToABlockingBrokerFailInTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 100; i++) {
                            tasks.enqueue("probe", PAYLOAD);
                        }
                    })
                    .as("100 x 16 KB into an address that holds 64 KB")
                    .isInstanceOf(JmsException.class)
                    .hasMessageContaining("within 1 s");

            List<CompletableFuture<Throwable>> crowd = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                crowd.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        tasks.enqueue("probe", PAYLOAD);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            for (CompletableFuture<Throwable> sender : crowd) {
                assertThat(sender.join()).isInstanceOf(JmsException.class);
            }
        });
    }
}
