package dev.microposts.web.internal;

import dev.microposts.engines.BackingServices;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM a web process goes on serving for {@code microposts.web.drain-delay} while its readiness already
 * answers 503 (Spring Boot refuses traffic as soon as the stop begins), so load balancers and Kubernetes take it out
 * of rotation before anything is refused; only then do the components stop: live streams close with a reconnect
 * hint, requests in hand finish, and the process exits. The context's closed event comes before any component
 * stops, which is why the wait is here. How long it is when none is set is {@link WebProperties}' decision.
 */
@Component
class WebDrain implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(WebDrain.class);

    private final ApplicationContext context;
    private final Duration delay;

    WebDrain(
            ApplicationContext context,
            BackingServices services,
            WebProperties properties,
            @Value("${microposts.process.web}") boolean web) {
        this.context = context;
        this.delay = properties.drainDelay(web, services.databaseEmbedded() || services.brokerEmbedded());
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || delay.isZero() || delay.isNegative()) {
            return;
        }
        log.info("Stopping: not ready any more, still serving for {} ms while traffic moves away", delay.toMillis());
        try {
            // why: this is the drain itself; the stop waits here by design, and nothing else is held meanwhile
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
