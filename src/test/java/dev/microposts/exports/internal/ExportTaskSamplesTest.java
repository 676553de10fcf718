package dev.microposts.exports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.compat.CompatSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.ObjectMapper;

/**
 * The export payloads each release enqueued are still read by today's handler, and today's producer still enqueues
 * what each release's handler reads. The queue is new since 0.2.0: the next release writes its first sample.
 */
@SpringBootTest(classes = JacksonAutoConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ExportTaskSamplesTest {

    private static final String NAME = "exports.json";
    private static final UUID EXPORT =
            UUID.nameUUIDFromBytes("microposts-sample-export".getBytes(StandardCharsets.UTF_8));

    @Autowired
    ObjectMapper json;

    @Test
    void writesTodaysSampleOnlyWhenAsked() {
        boolean written = CompatSamples.writeIfAsked(json, CompatSamples.TASKS, NAME, ExportHandler.payload(EXPORT));
        assertThat(written).isEqualTo(System.getProperty(CompatSamples.WRITE_PROPERTY) != null);
    }

    /** One test over every release's sample: until a release has one, there is none to read. */
    @Test
    void todaysHandlerReadsEveryReleasesSample() {
        for (String release : CompatSamples.releases()) {
            for (Path sample : CompatSamples.file(release, CompatSamples.TASKS, NAME).stream()
                    .toList()) {
                assertThat(ExportHandler.read(json, CompatSamples.text(sample)))
                        .as(sample.toString())
                        .isEqualTo(EXPORT);
            }
        }
    }

    @Test
    void todaysProducerKeepsTheShapeOfTheNewestRelease() {
        if (CompatSamples.file(CompatSamples.newest(), CompatSamples.TASKS, NAME)
                .isPresent()) {
            CompatSamples.assertTaskKeepsShape(json, NAME, ExportHandler.payload(EXPORT));
        }
    }
}
