package dev.microposts.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.OwnDataDirectory;
import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskHandler;
import dev.microposts.tasks.Tasks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The worker scaling loop, driven by a synthetic slow workload on a queue of its own: 40 tasks of 250 ms each
 * land on a queue with one consumer and room for four. The loop engages (four consumers run tasks at once),
 * holds the bound, and recovers (back to one once the queue has been empty for the idle timeout), with one
 * climb and one descent and nothing in between. The queue's depth and oldest-task age are read from the
 * broker on the way.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "microposts.queues.slow.concurrency=4",
            "microposts.queues.slow.min-concurrency=1",
            "microposts.queues.slow.prefetch=false",
            "microposts.tasks.scaling.interval=200ms",
            "microposts.tasks.scaling.cooldown=400ms",
            "microposts.tasks.scaling.idle-timeout=2s",
            // why: the CPU gate is ScalingPolicyTest's; here the build machine's load must not decide
            "microposts.tasks.scaling.max-cpu=2"
        })
@Import(WorkerScalingTest.SlowQueue.class)
@OwnDataDirectory
class WorkerScalingTest {

    private static final int TASKS = 40;

    @Autowired
    Tasks tasks;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SlowHandler handler;

    @Test
    void addsConsumersToABacklogUpToTheMaximumAndStopsThemOnceItIsGone() {
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("microposts.tasks.workers") == 1);

        tasks.enqueueAll(
                "slow", IntStream.range(0, TASKS).mapToObj(String::valueOf).toList());

        List<Double> consumers = new ArrayList<>();
        List<Double> depths = new ArrayList<>();
        List<Double> ages = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    consumers.add(gauge("microposts.tasks.workers"));
                    depths.add(gauge("microposts.tasks.queue.depth"));
                    ages.add(gauge("microposts.tasks.queue.oldest.age"));
                    return handler.done.get() == TASKS;
                });
        assertThat(handler.mostAtOnce.get())
                .as("consumers running tasks at once")
                .isEqualTo(4);
        assertThat(consumers).contains(4.0).allMatch(count -> count <= 4);
        assertThat(depths).as("the backlog, read from the broker").anyMatch(depth -> depth >= 10);
        assertThat(ages).anyMatch(age -> age > 0);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> gauge("microposts.tasks.workers") == 1);
        assertThat(gauge("microposts.tasks.queue.depth")).isZero();
        assertThat(scaled("up")).isEqualTo(3);
        assertThat(scaled("down")).isEqualTo(3);
        assertThat(meters.get("microposts.broker.up").gauge().value()).isEqualTo(1);
    }

    private double gauge(String name) {
        return meters.get(name).tag("queue", "slow").gauge().value();
    }

    private double scaled(String direction) {
        return meters.get("microposts.tasks.workers.scaled")
                .tag("queue", "slow")
                .tag("direction", direction)
                .counter()
                .count();
    }

    /** Tasks that take a quarter of a second each, counting how many run at once. */
    static class SlowHandler implements TaskHandler {

        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public String queue() {
            return "slow";
        }

        @Override
        public void handle(Task task) throws InterruptedException {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(250);
            } finally {
                running.decrementAndGet();
                done.incrementAndGet();
            }
        }
    }

    @TestConfiguration
    static class SlowQueue {
        @Bean
        SlowHandler slowHandler() {
            return new SlowHandler();
        }
    }
}
