package dev.microposts.tasks.internal;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Carries the trace of whatever enqueued a task (an HTTP request, an event listener, another task) to the
 * worker that runs it, in the message's properties ({@code traceparent}, W3C Trace Context): the worker's log
 * lines then carry the same trace id as the request's.
 */
@Component
class TaskTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    TaskTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Writes the current trace, if there is one, into {@code message}. */
    void inject(Message message) {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return;
        }
        propagator.inject(context, message, (carrier, key, value) -> {
            try {
                carrier.setStringProperty(key, value);
            } catch (JMSException e) {
                // why: a header the broker will not take costs the trace, never the task
            }
        });
    }

    /** The current trace, if there is one, as the message properties that carry it to the worker. */
    Map<String, String> currentHeaders() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(context, headers, Map::put);
        return headers;
    }

    /** Starts the span of running the task in {@code message}: in the trace it carries, or a new one. */
    Span start(Message message, String queue) {
        return propagator
                .extract(message, (carrier, key) -> {
                    try {
                        return carrier.getStringProperty(key);
                    } catch (JMSException e) {
                        return null;
                    }
                })
                .name("task " + queue)
                .kind(Span.Kind.CONSUMER)
                .tag("queue", queue)
                .start();
    }

    Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }
}
