package dev.microposts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlMapFactoryBean;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every task queue has the payloads of the newest release as samples, so a queue added without them fails here
 * rather than in a rolling upgrade. The queues are those the application configures: each one that has a
 * handler has its settings in application.yml.
 */
class TaskSamplesTest {

    /** why: its payload is the benchmark's empty document, written by the command itself, with nothing to read */
    private static final String NOOP = "noop.json";

    @Test
    void everyConfiguredQueueHasASampleInTheNewestRelease() {
        String newest = CompatSamples.newest();
        Set<String> sampled = new TreeSet<>();
        for (Path file : CompatSamples.files(newest, CompatSamples.TASKS)) {
            sampled.add(file.getFileName().toString().split("\\.")[0]);
        }
        // why: a queue no release has a sample of is new since the newest release; the next release writes its
        // samples (each queue's samples test does, when asked). One an older release has but the newest lacks was lost.
        Set<String> released = new TreeSet<>();
        for (String release : CompatSamples.releases()) {
            for (Path file : CompatSamples.files(release, CompatSamples.TASKS)) {
                released.add(file.getFileName().toString().split("\\.")[0]);
            }
        }
        Set<String> expected = new TreeSet<>(configuredQueues());
        expected.retainAll(released);
        assertThat(sampled)
                .as(
                        "queues with a sample in %s; write them with -D%s=%s",
                        CompatSamples.where(newest), CompatSamples.WRITE_PROPERTY, newest)
                .containsAll(expected);
    }

    @Test
    void writesTheBenchmarksPayloadOnlyWhenAsked() {
        boolean written = CompatSamples.writeIfAsked(JsonMapper.builder().build(), CompatSamples.TASKS, NOOP, "{}");
        assertThat(written).isEqualTo(System.getProperty(CompatSamples.WRITE_PROPERTY) != null);
    }

    @SuppressWarnings("unchecked")
    static Set<String> configuredQueues() {
        YamlMapFactoryBean yaml = new YamlMapFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Map<String, Object> microposts = (Map<String, Object>) yaml.getObject().get("microposts");
        Set<String> queues = new TreeSet<>(((Map<String, Object>) microposts.get("queues")).keySet());
        queues.removeAll(List.of("default"));
        assertThat(queues).as("queues in application.yml").isNotEmpty();
        return queues;
    }
}
