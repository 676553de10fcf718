package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestCountsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void countsTheSitesRequestsAndTheirServerErrors() {
        answered("/api/v1/me/timeline", "200", 7);
        answered("/api/v1/me/collection", "201", 2);
        answered("/api/v1/media", "503", 1);
        answered("/api/v1/me/collection", "500", 1);

        assertThat(RequestCounts.of(meters)).isEqualTo(new RequestCounts(11, 2));
    }

    @Test
    void leavesOutTheActuatorWhoseReadinessAnswers503WhileAProcessStartsOrDrains() {
        answered("/", "200", 3);
        answered("/actuator/health/{*path}", "503", 40);
        answered("/actuator/health/{*path}", "200", 100);
        answered("/actuator/prometheus", "200", 5);

        assertThat(RequestCounts.of(meters)).isEqualTo(new RequestCounts(3, 0));
    }

    @Test
    void isZeroBeforeTheFirstRequest() {
        assertThat(RequestCounts.of(meters)).isEqualTo(new RequestCounts(0, 0));
    }

    private void answered(String uri, String status, int times) {
        for (int i = 0; i < times; i++) {
            meters.timer("http.server.requests", "uri", uri, "status", status).record(Duration.ofMillis(3));
        }
    }
}
