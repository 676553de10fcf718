package dev.microposts.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.bus.BusListener;
import dev.microposts.bus.DomainEvent;
import dev.microposts.media.internal.Videos;
import dev.microposts.posts.PostDeleted;
import dev.microposts.support.Api;
import dev.microposts.support.Browser;
import dev.microposts.support.OwnDataDirectory;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operations dashboard in Chromium, over a running system: two videos whose probes run out of time end in
 * the dead-letter queue, which fires the {@code dead-letters} alert. An admin sees the charts drawn from the
 * sampled metrics, the consumers of each queue, the alert, the release running, and the failed tasks with
 * their reasons; discards one and retries the other. A listener that is down leaves an event delivery
 * incomplete; the admin sees it and, once the listener is back, delivers it again. Anyone else is refused the
 * page.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "microposts.admin.sample-interval=500ms",
            "microposts.alerts.interval=300ms",
            "microposts.tasks.scaling.interval=300ms",
            // why: a probe cannot finish in a millisecond, and has one attempt: its task is given up on
            "microposts.queues.probe.time-limit=1ms",
            "microposts.queues.probe.max-attempts=1",
            // why: a failed delivery stays failed until the operator's button, not the backoff, delivers it
            "microposts.bus.retry-backoff=1h",
            "microposts.bus.max-retry-backoff=1h"
        })
@Import(OpsPagesTest.Flaky.class)
@OwnDataDirectory
class OpsPagesTest {

    // why: the videos this class makes, apart from the data directory
    @TempDir
    static Path videos;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Flaky flaky;

    /** A module's listener that is down until the test says otherwise. Reached through methods: it is proxied. */
    static class Flaky {
        private final AtomicBoolean down = new AtomicBoolean(true);
        private final List<Long> delivered = new CopyOnWriteArrayList<>();

        void comeBack() {
            down.set(false);
        }

        List<Long> delivered() {
            return delivered;
        }

        @BusListener("test.flaky")
        void on(PostDeleted event) {
            if (down.get()) {
                throw new IllegalStateException("the listener is down");
            }
            delivered.add(event.postId());
        }
    }

    @Test
    void showsAdminsTheSystemAndLetsThemRetryOrDiscardFailedTasks() throws Exception {
        Api api = new Api(port);
        Path clip = new Videos(videos).h264("late.mp4", "320x240", 1, false);
        Api.User operator = api.newUser("operator");
        Api.User someone = api.newUser("someone");
        jdbc.sql("update users set admin = true where username = ?")
                .param(operator.username())
                .update();
        for (int i = 0; i < 2; i++) {
            api.send(api.request("/api/v1/media", someone.token())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(clip)));
        }

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, someone);
            page.get(url("/admin"));
            assertThat(page.findElement(By.tagName("main")).getText()).contains("You cannot do that");
            assertThat(page.findElements(By.cssSelector("a[href='/admin']"))).isEmpty();
        }

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, operator);
            page.findElement(By.cssSelector("a[href='/admin']")).click();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        page.get(url("/admin"));
                        assertThat(page.findElements(By.cssSelector(".dead-letter")))
                                .hasSize(2);
                        assertThat(page.findElement(By.cssSelector(".alerts")).getText())
                                .contains("dead-letters");
                        assertThat(page.findElements(By.cssSelector(".chart svg polyline")))
                                .isNotEmpty();
                        assertThat(page.findElement(By.cssSelector("[aria-labelledby='workers-heading'] table"))
                                        .getText())
                                .contains("probe", "transcode");
                    });
            String main = page.findElement(By.tagName("main")).getText();
            assertThat(main).contains("Tasks waiting by queue", "Tasks done per minute by queue", "with releases");
            assertThat(page.findElement(By.cssSelector("[aria-labelledby='releases-heading']"))
                            .getText())
                    .contains("running");
            assertThat(page.findElements(By.cssSelector(".dead-letter")))
                    .allSatisfy(row -> assertThat(row.getText()).contains("probe"));
            browser.screenshot("ops-dashboard");

            List<WebElement> ids = page.findElements(
                    By.cssSelector(".dead-letter form[action='/admin/dead-letters/retry'] input[name=id]"));
            String discarded = ids.get(0).getDomAttribute("value");
            String retried = ids.get(1).getDomAttribute("value");
            page.findElements(By.cssSelector(".dead-letter"))
                    .get(0)
                    .findElement(By.xpath(".//button[text()='Discard']"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> page.findElement(By.tagName("main")).getText().contains("The task was discarded."));
            assertThat(idsOnPage(page)).doesNotContain(discarded).contains(retried);

            page.findElements(By.cssSelector(".dead-letter"))
                    .get(0)
                    .findElement(By.xpath(".//button[text()='Retry']"))
                    .click();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> page.findElement(By.tagName("main"))
                    .getText()
                    .contains("The task is back on its queue."));
            assertThat(idsOnPage(page)).doesNotContain(discarded, retried);

            // a listener that is down leaves its delivery incomplete; once it is back, the button delivers it
            long postId = -77;
            transactions.executeWithoutResult(status -> events.publishEvent(
                    new PostDeleted(DomainEvent.newId(), Instant.now(), postId, postId, List.of())));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        page.get(url("/admin"));
                        assertThat(page.findElements(By.cssSelector(".incomplete-delivery")))
                                .filteredOn(row -> row.getText().contains("OpsPagesTest$Flaky.on"))
                                .singleElement()
                                .satisfies(row -> assertThat(row.getText()).contains("PostDeleted", "FAILED"));
                    });
            flaky.comeBack();
            page.findElements(By.cssSelector(".incomplete-delivery")).stream()
                    .filter(row -> row.getText().contains("OpsPagesTest$Flaky.on"))
                    .findFirst()
                    .orElseThrow()
                    .findElement(By.xpath(".//button[text()='Deliver again']"))
                    .click();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> page.findElement(By.tagName("main"))
                    .getText()
                    .contains("Delivering the event again now."));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        page.get(url("/admin"));
                        assertThat(page.findElements(By.cssSelector(".incomplete-delivery")))
                                .noneMatch(row -> row.getText().contains("OpsPagesTest$Flaky.on"));
                    });
            assertThat(flaky.delivered()).containsExactly(postId);
        }
        assertThat(api.get("/api/v1/admin/alerts", someone.token()).status()).isEqualTo(403);
    }

    private static List<String> idsOnPage(ChromeDriver page) {
        return page
                .findElements(By.cssSelector(".dead-letter form[action='/admin/dead-letters/retry'] input[name=id]"))
                .stream()
                .map(input -> input.getDomAttribute("value"))
                .toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void logIn(ChromeDriver page, Api.User user) {
        page.get(url("/login"));
        page.findElement(By.id("username")).sendKeys(user.username());
        page.findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
        page.findElement(By.cssSelector("main form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.getCurrentUrl().equals(url("/")));
    }
}
