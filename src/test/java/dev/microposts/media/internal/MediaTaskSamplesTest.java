package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.compat.CompatSamples;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.ObjectMapper;

/**
 * The payloads of the media queues each release enqueued are still read by today's pipeline, and today's
 * producers still enqueue what each release's pipeline reads: during a rolling upgrade a task sent by one
 * release is often run by the other.
 */
@SpringBootTest(classes = JacksonAutoConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class MediaTaskSamplesTest {

    private static final UUID VIDEO = UUID.fromString("7d3f5b8e-2c41-4a6e-9f10-3b5c8d2e6a71");

    @Autowired
    ObjectMapper json;

    /** Each queue's sample, with the part its producers name in it. */
    static Stream<Arguments> parts() {
        return Stream.of(
                Arguments.of("probe.json", MediaStore.PROBE),
                Arguments.of("transcode.json", MediaStore.TRANSCODE + 0),
                Arguments.of("thumbnail.json", MediaStore.THUMBNAIL));
    }

    @Test
    void writesTodaysSamplesOnlyWhenAsked() {
        long written = parts().filter(part -> CompatSamples.writeIfAsked(
                        json, CompatSamples.TASKS, (String) part.get()[0], Pipeline.payload(VIDEO, (String)
                                part.get()[1])))
                .count();
        assertThat(written).isEqualTo(System.getProperty(CompatSamples.WRITE_PROPERTY) == null ? 0 : 3);
    }

    static Stream<Arguments> everySample() {
        return CompatSamples.releases().stream()
                .flatMap(release -> parts().map(part -> {
                    String name = (String) part.get()[0];
                    return Arguments.of(
                            release,
                            name,
                            part.get()[1],
                            CompatSamples.file(release, CompatSamples.TASKS, name)
                                    .orElse(null));
                }))
                .filter(arguments -> arguments.get()[3] != null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySample")
    void todaysPipelineReadsTheSample(String release, String name, String part, Path sample) {
        Pipeline.PartTask task = Pipeline.read(json, CompatSamples.text(sample));

        assertThat(task.mediaId()).isEqualTo(VIDEO);
        assertThat(task.part()).isEqualTo(part);
        assertThat(Pipeline.queueOf(task.part()) + ".json").isEqualTo(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void todaysProducersKeepTheShapeOfTheNewestRelease(String name, String part) {
        CompatSamples.assertTaskKeepsShape(json, name, Pipeline.payload(VIDEO, part));
    }
}
