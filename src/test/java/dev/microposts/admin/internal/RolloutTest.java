package dev.microposts.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.ops.ProcessStart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lanes of the rollout view, laid out from start records and the last sample of each process. */
class RolloutTest {

    private static final Instant FROM = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofMinutes(60));
    private static final Duration QUIET = Duration.ofMinutes(3);

    private static ProcessStart start(String node, String version, int minute) {
        String role = node.substring(node.indexOf('/') + 1);
        return new ProcessStart(
                node,
                role,
                version,
                version.equals("0.1.0") ? "914205c" : "a1b2c3d",
                FROM.plus(Duration.ofMinutes(minute)));
    }

    private static Instant at(int minute) {
        return FROM.plus(Duration.ofMinutes(minute));
    }

    @Test
    void aRestartOnANewReleaseCutsTheProcessLaneWhereItHappened() {
        Rollout rollout = Rollout.of(
                FROM,
                TO,
                List.of(start("a/web", "0.1.0", -30), start("a/web", "0.2.0", 30)),
                Map.of("a/web", at(59)),
                QUIET);

        assertThat(rollout.lanes()).singleElement().satisfies(lane -> {
            assertThat(lane.node()).isEqualTo("a/web");
            assertThat(lane.segments())
                    .extracting(Rollout.Segment::release, Rollout.Segment::x, Rollout.Segment::width)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("0.1.0 (914205c)", 0, 300),
                            org.assertj.core.groups.Tuple.tuple("0.2.0 (a1b2c3d)", 300, 300));
            assertThat(lane.segments().get(0).from())
                    .as("drawn from the window's start")
                    .isEqualTo(FROM);
            assertThat(lane.segments().get(0).to()).isEqualTo(at(30));
            assertThat(lane.segments().get(1).running()).isTrue();
        });
        assertThat(rollout.versions())
                .extracting(Rollout.Version::release)
                .containsExactly("0.1.0 (914205c)", "0.2.0 (a1b2c3d)");
        assertThat(rollout.versions().get(0).colour())
                .isNotEqualTo(rollout.versions().get(1).colour());
    }

    @Test
    void aProcessThatStoppedReportingEndsAtItsLastSample() {
        Rollout rollout =
                Rollout.of(FROM, TO, List.of(start("b/worker", "0.1.0", -5)), Map.of("b/worker", at(20)), QUIET);

        Rollout.Segment segment = rollout.lanes().get(0).segments().get(0);
        assertThat(segment.running()).isFalse();
        assertThat(segment.to()).isEqualTo(at(20));
        assertThat(segment.width()).isEqualTo(200);
    }

    @Test
    void aProcessSilentForLessThanTheQuietSpellStillRuns() {
        Rollout rollout =
                Rollout.of(FROM, TO, List.of(start("b/worker", "0.1.0", 10)), Map.of("b/worker", at(58)), QUIET);

        assertThat(rollout.lanes().get(0).segments().get(0).running()).isTrue();
        assertThat(rollout.lanes().get(0).segments().get(0).to()).isEqualTo(TO);
    }

    @Test
    void aProcessJustStartedRunsBeforeItsFirstSample() {
        Rollout rollout = Rollout.of(FROM, TO, List.of(start("c/web", "0.2.0", 59)), Map.of(), QUIET);

        Rollout.Segment segment = rollout.lanes().get(0).segments().get(0);
        assertThat(segment.running()).isTrue();
        assertThat(segment.x()).isEqualTo(590);
        assertThat(segment.width()).as("at least visible").isEqualTo(10);
    }

    @Test
    void processesGoneBeforeTheWindowAreLeftOut() {
        Rollout rollout = Rollout.of(
                FROM,
                TO,
                List.of(start("old/web", "0.1.0", -50), start("old/worker", "0.1.0", -40)),
                Map.of("old/web", at(-20)),
                QUIET);

        assertThat(rollout.lanes()).isEmpty();
        assertThat(rollout.empty()).isTrue();
        assertThat(rollout.versions()).isEmpty();
    }

    @Test
    void webProcessesComeFirstThenByNode() {
        Rollout rollout = Rollout.of(
                FROM,
                TO,
                List.of(
                        start("z/worker", "0.1.0", 1),
                        start("b/web", "0.1.0", 2),
                        start("a/worker", "0.1.0", 3),
                        start("a/web", "0.1.0", 4)),
                Map.of(),
                Duration.ofHours(2));

        assertThat(rollout.lanes())
                .extracting(Rollout.Lane::node)
                .containsExactly("a/web", "b/web", "a/worker", "z/worker");
    }
}
