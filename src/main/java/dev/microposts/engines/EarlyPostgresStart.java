package dev.microposts.engines;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the configuration is final, so the
 * second or so it needs (more on the first run, when the cluster is created) overlaps the building of
 * the rest of the application instead of adding to it. The {@code DataSource} waits for it.
 */
class EarlyPostgresStart implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN_NAME = "microposts.earlyPostgresStart";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (!environment.getProperty("microposts.database.embedded", Boolean.class, false)
                || !(event.getApplicationContext().getBeanFactory() instanceof DefaultListableBeanFactory beans)
                || beans.containsSingleton(BEAN_NAME)) {
            return;
        }
        var dataDirectory = BackingServicesEnvironment.dataDirectory(environment);
        int port = environment.getProperty("microposts.database.embedded-port", Integer.class, 0);
        Pending pending =
                new Pending(CompletableFuture.supplyAsync(() -> EmbeddedPostgresServer.start(dataDirectory, port)));
        beans.registerSingleton(BEAN_NAME, pending);
        beans.registerDisposableBean(BEAN_NAME, pending);
    }

    /** A server being started; stopped on shutdown even if the application failed before using it. */
    static final class Pending implements DisposableBean {

        private final CompletableFuture<EmbeddedPostgresServer> server;

        Pending(CompletableFuture<EmbeddedPostgresServer> server) {
            this.server = server;
        }

        EmbeddedPostgresServer await() {
            try {
                return server.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public void destroy() {
            // still starting when the application gave up: stop it as soon as it is up
            server.thenAccept(EmbeddedPostgresServer::close);
        }
    }
}
