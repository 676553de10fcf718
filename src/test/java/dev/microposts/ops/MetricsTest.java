package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} carries what an operator's dashboards and alerts read: the release, request
 * rates and latency histograms per route, task outcomes and durations per queue, the bus's backlog and the
 * database pool, every series labelled with the process's role.
 */
class MetricsTest extends ApiTest {

    @Test
    void thePrometheusEndpointHasTheReleaseRoutesQueuesAndBus() {
        Api.User user = api.newUser("metered");
        api.newPost(user, "counted");
        api.get("/api/v1/users/" + user.username());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.metricTotal(
                        "microposts_events_delivery_lag_seconds_count", "consumer=\"timeline.published\""))
                .as("the post reached the timeline's listener, which measured how late")
                .isPositive());

        Api.Response scrape = api.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        List<String> lines = Arrays.asList(scrape.body().split("\n"));

        assertThat(lines)
                .anyMatch(l -> l.startsWith("build_info{") && l.contains("version=\"") && l.contains("commit=\""));
        assertThat(lines)
                .as("latency histograms per route")
                .anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                        && l.contains("uri=\"/api/v1/users/{username}\"")
                        && l.contains("le=\""));
        assertThat(lines).anyMatch(l -> l.startsWith("microposts_tasks_total{") && l.contains("outcome=\"done\""));
        assertThat(lines).anyMatch(l -> l.startsWith("microposts_tasks_duration_seconds_count{"));
        assertThat(lines).anyMatch(l -> l.startsWith("microposts_events_incomplete"));
        assertThat(lines).anyMatch(l -> l.startsWith("microposts_bus_unsent"));
        assertThat(lines).anyMatch(l -> l.startsWith("microposts_events_incomplete_oldest_age_seconds"));
        assertThat(lines).anyMatch(l -> l.startsWith("microposts_bus_relay_lag_seconds_count"));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("microposts_events_delivery_lag_seconds_bucket{")
                        && l.contains("consumer=\"timeline.published\"")
                        && l.contains("le=\"1.0\""));
        assertThat(lines).anyMatch(l -> l.startsWith("hikaricp_connections_active"));
        assertThat(lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .as("every series names the process's role")
                .allMatch(l -> l.contains("role=\"all\""));
    }
}
