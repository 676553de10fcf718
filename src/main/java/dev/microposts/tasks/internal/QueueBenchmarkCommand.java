package dev.microposts.tasks.internal;

import dev.microposts.ops.AdminCommand;
import dev.microposts.tasks.Tasks;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Pushes no-op durable tasks through the real queue machinery (producer sessions, broker journal, consumers,
 * transactional acknowledgements) and prints tasks per second end to end. Run by {@code bench/queue.sh}.
 */
@Component
class QueueBenchmarkCommand implements AdminCommand {

    private static final int BATCH = 500;

    private final Tasks tasks;
    private final NoopTaskHandler noop;
    private final QueuesProperties properties;

    QueueBenchmarkCommand(Tasks tasks, NoopTaskHandler noop, QueuesProperties properties) {
        this.tasks = tasks;
        this.noop = noop;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "queue-benchmark";
    }

    @Override
    public String arguments() {
        return "[tasks] [producers]  (with --microposts.tasks.workers=true --microposts.queues.noop.concurrency=N --microposts.queues.noop.min-concurrency=N)";
    }

    @Override
    public String description() {
        return "measure end-to-end throughput of durable no-op tasks";
    }

    @Override
    public int run(List<String> arguments, BufferedReader in, PrintStream out) {
        int count = !arguments.isEmpty() ? Integer.parseInt(arguments.get(0)) : 200_000;
        int producers = arguments.size() > 1 ? Integer.parseInt(arguments.get(1)) : 2;
        int consumers = properties.settings(NoopTaskHandler.QUEUE).concurrency();
        if (!properties.tasks().workers() || consumers < 1) {
            out.println(
                    "No consumers: run with --microposts.tasks.workers=true --microposts.queues.noop.concurrency=2");
            return 2;
        }
        out.printf("warm-up: %,d tasks%n", count / 5);
        measure(count / 5, producers);
        Result result = measure(count, producers);
        out.printf(
                Locale.ROOT,
                "queue: %,d durable no-op tasks, %d producer(s), %d consumer(s): %.2f s, %,.0f tasks/s end to end"
                        + " (enqueue alone: %,.0f tasks/s)%n",
                count,
                producers,
                consumers,
                result.seconds(),
                count / result.seconds(),
                count / result.enqueueSeconds());
        return 0;
    }

    private Result measure(int count, int producers) {
        long target = noop.handled() + count;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        long start = System.nanoTime();
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int share = count / producers + (p < count % producers ? 1 : 0);
                sending.add(pool.submit(() -> {
                    for (int sent = 0; sent < share; sent += BATCH) {
                        int size = Math.min(BATCH, share - sent);
                        tasks.enqueueAll(
                                NoopTaskHandler.QUEUE,
                                IntStream.range(0, size).mapToObj(i -> "{}").toList());
                    }
                }));
            }
            for (Future<?> future : sending) {
                future.get();
            }
            long enqueued = System.nanoTime();
            long deadline = enqueued + TimeUnit.MINUTES.toNanos(5);
            while (noop.handled() < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + (noop.handled() - target + count) + " handled");
                }
                Thread.onSpinWait();
                Thread.sleep(1);
            }
            long end = System.nanoTime();
            return new Result((end - start) / 1e9, (enqueued - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Result(double seconds, double enqueueSeconds) {}
}
