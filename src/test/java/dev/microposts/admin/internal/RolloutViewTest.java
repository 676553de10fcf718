package dev.microposts.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's rollout view in Chromium: three processes of a deployment, as their start records and samples
 * leave them during a rolling upgrade from 0.1.0 to 0.2.0. A web process restarted on the new release shows both
 * on its lane, a replaced worker stops where it last reported and its replacement runs on, beside the error chart
 * on the same hour.
 */
class RolloutViewTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void showsWhichReleaseEachProcessRanBesideTheErrorRate() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String web = "rollout-" + run + "-a/web";
        String replaced = "rollout-" + run + "-b/worker";
        String replacement = "rollout-" + run + "-c/worker";
        Instant now = Instant.now();
        started(web, "web", "0.1.0", "914205c", now.minus(Duration.ofMinutes(55)));
        started(replaced, "worker", "0.1.0", "914205c", now.minus(Duration.ofMinutes(55)));
        started(web, "web", "0.2.0", "a1b2c3d", now.minus(Duration.ofMinutes(20)));
        started(replacement, "worker", "0.2.0", "a1b2c3d", now.minus(Duration.ofMinutes(24)));
        for (int minutesAgo = 50; minutesAgo >= 0; minutesAgo -= 5) {
            Instant at = now.minus(Duration.ofMinutes(minutesAgo));
            sampled(web, "requests", 100, at);
            sampled(web, "errors", minutesAgo == 20 ? 7 : 0, at);
            if (minutesAgo >= 25) {
                sampled(replaced, "requests", 0, at);
            }
            if (minutesAgo <= 20) {
                sampled(replacement, "requests", 0, at);
            }
        }
        // why: the old worker lets its running tasks finish after its replacement is ready, then stops
        sampled(replaced, "requests", 0, now.minus(Duration.ofMinutes(23)));
        Api.User operator = api.newUser("rollout");
        jdbc.sql("update users set admin = true where username = ?")
                .param(operator.username())
                .update();

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(operator);
            page.get(steps.url("/admin"));

            WebElement view = page.findElement(By.cssSelector("figure.rollout"));
            assertThat(view.findElement(By.tagName("figcaption")).getText())
                    .isEqualTo("Releases by process, on the same hour");
            List<String> lanes = view.findElements(By.cssSelector("g.lane")).stream()
                    .map(lane -> lane.getDomAttribute("data-node"))
                    .filter(node -> node.contains(run))
                    .toList();
            assertThat(lanes).as("web processes first").containsExactly(web, replaced, replacement);

            List<WebElement> webSteps = segments(view, web);
            assertThat(webSteps)
                    .extracting(step -> step.getDomAttribute("data-release"))
                    .containsExactly("0.1.0 (914205c)", "0.2.0 (a1b2c3d)");
            WebElement oldWorker = segments(view, replaced).get(0);
            WebElement newWorker = segments(view, replacement).get(0);
            assertThat(x(newWorker))
                    .as("the replacement started before the web process moved")
                    .isLessThan(x(webSteps.get(1)));
            assertThat(x(oldWorker) + number(oldWorker, "width"))
                    .as("the old worker stops soon after its replacement came")
                    .isBetween(x(newWorker) - 5, x(webSteps.get(1)));
            assertThat(webSteps.get(0).getDomAttribute("fill"))
                    .isNotEqualTo(webSteps.get(1).getDomAttribute("fill"));
            assertThat(webSteps.get(0).getDomAttribute("fill")).isEqualTo(oldWorker.getDomAttribute("fill"));

            List<String> rows =
                    page.findElements(By.cssSelector("[aria-labelledby='releases-heading'] tr.rollout-step")).stream()
                            .map(WebElement::getText)
                            .filter(text -> text.contains(run))
                            .toList();
            assertThat(rows).hasSize(4);
            assertThat(rows.stream()
                            .filter(row -> row.startsWith(replaced))
                            .findFirst()
                            .orElseThrow())
                    .contains("0.1.0 (914205c)")
                    .doesNotContain("running");
            assertThat(rows.stream()
                            .filter(row -> row.startsWith(replacement))
                            .findFirst()
                            .orElseThrow())
                    .contains("0.2.0 (a1b2c3d)", "running");
            assertThat(view.findElement(By.cssSelector(".legend")).getText())
                    .contains("0.1.0 (914205c)", "0.2.0 (a1b2c3d)");

            List<String> figures = page.findElements(By.cssSelector(".charts figure figcaption")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(figures.indexOf("Releases by process, on the same hour"))
                    .as("beside the error chart")
                    .isEqualTo(figures.indexOf("Server errors (share of requests), with releases") + 1);
            browser.screenshot("ops-rollout");
        }
    }

    private void started(String node, String role, String version, String commit, Instant at) {
        jdbc.sql("insert into process_starts (node, role, version, commit, started_at) values (?, ?, ?, ?, ?)")
                .params(node, role, version, commit, Timestamp.from(at))
                .update();
    }

    private void sampled(String node, String metric, double value, Instant at) {
        jdbc.sql("insert into metric_samples (at, node, metric, value) values (?, ?, ?, ?)")
                .params(Timestamp.from(at), node, metric, value)
                .update();
    }

    private static List<WebElement> segments(WebElement view, String node) {
        return view.findElements(By.cssSelector("g.lane[data-node='" + node + "'] rect"));
    }

    private static int x(WebElement segment) {
        return number(segment, "x");
    }

    private static int number(WebElement segment, String attribute) {
        return Integer.parseInt(segment.getDomAttribute(attribute));
    }
}
