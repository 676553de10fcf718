package dev.microposts.tasks.internal;

import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Tasks that do nothing, so the queue machinery itself can be measured ({@code queue-benchmark}). */
@Component
class NoopTaskHandler implements TaskHandler {

    static final String QUEUE = "noop";

    private final AtomicLong handled = new AtomicLong();

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public void handle(Task task) {
        handled.incrementAndGet();
    }

    long handled() {
        return handled.get();
    }
}
