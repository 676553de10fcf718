package dev.microposts.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.MicroPostsApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;

/** The embedded broker keeps its journal under the data directory: a message outlives a restart. */
class BrokerPersistenceTest {

    private static final String QUEUE = "microposts.test.restart";

    @TempDir
    Path dataDir;

    @Test
    void aPersistentMessageSurvivesARestart() {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(BackingServices.class).brokerEmbedded()).isTrue();
            app.getBean(JmsTemplate.class).convertAndSend(QUEUE, "sent before the restart");
        }

        try (ConfigurableApplicationContext app = start()) {
            JmsTemplate jms = app.getBean(JmsTemplate.class);
            jms.setReceiveTimeout(10_000);
            assertThat(jms.receiveAndConvert(QUEUE)).isEqualTo("sent before the restart");
        }
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments, as an operator would pass them; they win over application.yml
        return new SpringApplicationBuilder(MicroPostsApplication.class)
                .run("--microposts.data-dir=" + dataDir, "--server.port=0");
    }
}
