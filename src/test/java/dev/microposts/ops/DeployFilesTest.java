package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The Prometheus alerting rules and the Grafana dashboard under {@code deploy/} parse, have what their tools
 * need, and name only metrics this application exposes (or Prometheus's own {@code up}), so a renamed metric
 * cannot leave an operator's alert silently watching nothing.
 */
class DeployFilesTest extends ApiTest {

    @TempDir
    Path directory;

    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:microposts|http_server|build|disk|hikaricp|jvm|process|up)(?:_[a-z0-9]+)*)\\b(?!\\s*\\()");
    private static final Set<String> FUNCTIONS_AND_LABELS = Set.of("up");

    @Test
    void theAlertRulesParseAndNameOnlyExposedMetrics() throws Exception {
        Set<String> exposed = exposedMetrics();
        Map<String, Object> file = new Yaml().load(Files.readString(Path.of("deploy/prometheus/alerts.yml")));
        List<Map<String, Object>> groups = list(file.get("groups"));
        assertThat(groups).isNotEmpty();
        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            assertThat(group.get("name")).isNotNull();
            for (Map<String, Object> rule : list(group.get("rules"))) {
                String alert = (String) rule.get("alert");
                String expr = String.valueOf(rule.get("expr"));
                assertThat(alert).as(rule.toString()).isNotBlank();
                assertThat(expr).as(alert).isNotBlank();
                assertThat(balanced(expr)).as("brackets of %s", alert).isTrue();
                assertThat(((Map<?, ?>) rule.get("labels")).get("severity"))
                        .as(alert)
                        .isIn("page", "ticket");
                assertThat(((Map<?, ?>) rule.get("annotations")).get("summary"))
                        .as(alert)
                        .isNotNull();
                assertThat(metrics(expr))
                        .as("metrics of %s", alert)
                        .isNotEmpty()
                        .allSatisfy(metric -> assertThat(exposed)
                                .as("%s in %s", metric, alert)
                                .contains(metric));
                alerts.add(alert);
            }
        }
        assertThat(alerts)
                .doesNotHaveDuplicates()
                .contains(
                        "MicroPostsHighErrorRate",
                        "MicroPostsVideoBacklogOld",
                        "MicroPostsTasksDeadLettered",
                        "MicroPostsIncompleteEventPublications",
                        "MicroPostsEventsLate",
                        "MicroPostsVideosFailingOnOurSide",
                        "MicroPostsDiskNearlyFull");
    }

    @Test
    void theDashboardParsesAndNamesOnlyExposedMetrics() throws Exception {
        Set<String> exposed = exposedMetrics();
        JsonNode dashboard = Api.JSON.readTree(Files.readString(Path.of("deploy/grafana/microposts.json")));
        assertThat(dashboard.path("title").asString()).isEqualTo("MicroPosts");
        assertThat(dashboard.path("panels").size()).isGreaterThan(5);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size())
                    .as(panel.path("title").asString())
                    .isPositive();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString();
                assertThat(balanced(expr)).as(expr).isTrue();
                assertThat(metrics(expr)).as(expr).isNotEmpty().allSatisfy(metric -> assertThat(exposed)
                        .as("%s in panel %s", metric, panel.path("title").asString())
                        .contains(metric));
            }
        }
    }

    /** Every series name in the scrape, plus Prometheus's own {@code up}. */
    private Set<String> exposedMetrics() throws Exception {
        // why: a few requests, a task, a video and a broken one, so meters that appear on first use are there
        Api.User user = api.newUser("deployed");
        api.newPost(user, "for the metrics");
        api.get("/api/v1/users/" + user.username());
        Videos videos = new Videos(directory);
        Path broken = Files.write(directory.resolve("broken.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        for (Path file : List.of(videos.h264("small.mp4", "320x240", 1, false), broken)) {
            String href = api.send(api.request("/api/v1/media", user.token())
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofFile(file)))
                    .json()
                    .path("href")
                    .asString();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !api.get(href).json().path("status").asString().equals("processing"));
        }
        Set<String> names = new TreeSet<>(FUNCTIONS_AND_LABELS);
        for (String line : api.get("/actuator/prometheus").body().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> metrics(String expr) {
        String withoutLabels = expr.replaceAll("\\{[^}]*}", "{}").replaceAll("by \\([^)]*\\)", "");
        Set<String> found = new TreeSet<>();
        Matcher matcher = METRIC.matcher(withoutLabels);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static boolean balanced(String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        for (char c : expr.toCharArray()) {
            switch (c) {
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '[' -> square++;
                case ']' -> square--;
                default -> {}
            }
            if (round < 0 || curly < 0 || square < 0) {
                return false;
            }
        }
        return round == 0 && curly == 0 && square == 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
