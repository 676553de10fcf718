package dev.microposts.support;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end API tests: the whole application on a random port with its real embedded
 * PostgreSQL and Artemis, in a data directory of its own, deleted when the JVM exits. Every test class shares
 * one running application (Spring caches the context), so tests create their own users with unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    /** Where a subclass marked {@link OwnDataDirectory}, and so with a context of its own, finds its directory. */
    static final String OWN_DATA_DIR = "microposts.test.own-data-dir";

    private static final Supplier<Path> DATA_DIR = TestData.forSharedContext("ApiTest");

    @LocalServerPort
    protected int port;

    protected Api api;

    @Autowired
    private JdbcClient database;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        // why: a subclass whose settings make a context of its own (beside the shared one, still running) is
        // given a directory of its own in OWN_DATA_DIR; two contexts cannot share one set of engines
        registry.add("microposts.data-dir", () -> "${" + OWN_DATA_DIR + ":" + DATA_DIR.get() + "}");
        // why: failures and take-overs in tests should settle in seconds, not minutes
        registry.add("microposts.media.lease", () -> "3s");
        registry.add("microposts.media.lease-check-interval", () -> "500ms");
        registry.add("microposts.queues.default.backoff", () -> "200ms");
        registry.add("microposts.queues.default.max-backoff", () -> "1s");
        // why: authors with more than two followers go through fan-out tasks of three followers each, so tests
        // that follow and post cover both ways to a timeline, the ranges and the follow-up of the open one
        registry.add("microposts.timeline.inline-fanout", () -> "2");
        registry.add("microposts.timeline.fanout-batch", () -> "3");
        // why: small enough that a test can stream past it in a moment
        registry.add("microposts.media.max-upload-size", () -> "16MB");
        // why: every test signs up its users from this one machine
        registry.add("microposts.accounts.sign-up.per-address", () -> "1000000");
        // why: three uploads near the size limit reach it, so the daily quota of bytes is quick to try
        registry.add("microposts.media.upload-bytes-per-day", () -> "48MB");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /**
     * Registers a user and makes them an admin, as the {@code grant-admin} command does; a bearer token sees the
     * change on its next request.
     */
    protected Api.User newAdmin(String prefix) {
        Api.User user = api.newUser(prefix);
        database.sql("update users set admin = true where username = ?")
                .param(user.username())
                .update();
        return user;
    }
}
