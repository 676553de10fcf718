package dev.microposts.tasks.internal;

import static dev.microposts.tasks.internal.ScalingPolicy.Step.GROW;
import static dev.microposts.tasks.internal.ScalingPolicy.Step.HOLD;
import static dev.microposts.tasks.internal.ScalingPolicy.Step.SHRINK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.tasks.internal.ScalingPolicy.Situation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {

    private static final QueuesProperties.Scaling SCALING =
            new QueuesProperties.Scaling(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(5), 0.9);
    private static final Duration LONG_AGO = Duration.ofMinutes(10);

    private static ScalingPolicy.Step decide(Situation situation) {
        return ScalingPolicy.decide(situation, 1, 4, SCALING);
    }

    @Test
    void growsWhenTasksWaitAndEveryConsumerIsBusy() {
        assertThat(decide(new Situation(2, 2, Duration.ZERO, 5, 0.3, LONG_AGO))).isEqualTo(GROW);
    }

    @Test
    void holdsWhileAConsumerIsFreeOrNothingWaits() {
        assertThat(decide(new Situation(2, 1, Duration.ofSeconds(1), 5, 0.3, LONG_AGO)))
                .isEqualTo(HOLD);
        assertThat(decide(new Situation(2, 2, Duration.ZERO, 0, 0.3, LONG_AGO))).isEqualTo(HOLD);
    }

    @Test
    void neverGoesPastTheMaximum() {
        assertThat(decide(new Situation(4, 4, Duration.ZERO, 500, 0.1, LONG_AGO)))
                .isEqualTo(HOLD);
        assertThat(decide(new Situation(5, 5, Duration.ZERO, 500, 0.1, LONG_AGO)))
                .isEqualTo(SHRINK);
    }

    @Test
    void addsNothingWhileTheMachineIsOutOfCpu() {
        assertThat(decide(new Situation(2, 2, Duration.ZERO, 50, 0.95, LONG_AGO)))
                .isEqualTo(HOLD);
    }

    @Test
    void letsEachAdditionTakeEffectBeforeTheNext() {
        assertThat(decide(new Situation(2, 2, Duration.ZERO, 50, 0.3, Duration.ofSeconds(1))))
                .isEqualTo(HOLD);
        assertThat(decide(new Situation(2, 2, Duration.ZERO, 50, 0.3, Duration.ofSeconds(5))))
                .isEqualTo(GROW);
    }

    @Test
    void stopsAConsumerOnlyAfterItWaitedTheIdleTimeoutAndNeverBelowTheMinimum() {
        assertThat(decide(new Situation(3, 0, Duration.ofSeconds(29), 0, 0.1, LONG_AGO)))
                .isEqualTo(HOLD);
        assertThat(decide(new Situation(3, 0, Duration.ofSeconds(30), 0, 0.1, LONG_AGO)))
                .isEqualTo(SHRINK);
        assertThat(decide(new Situation(1, 0, Duration.ofHours(1), 0, 0.1, LONG_AGO)))
                .isEqualTo(HOLD);
    }

    @Test
    void startsFromZeroWhenTheMinimumIsZeroAndWorkArrives() {
        Situation empty = new Situation(0, 0, Duration.ZERO, 3, 0.1, LONG_AGO);
        assertThat(ScalingPolicy.decide(empty, 0, 2, SCALING)).isEqualTo(GROW);
        assertThat(ScalingPolicy.decide(new Situation(0, 0, Duration.ZERO, 0, 0.1, LONG_AGO), 0, 2, SCALING))
                .isEqualTo(HOLD);
    }

    /**
     * A queue simulated tick by tick (2 s each) under a steady load that needs about 2.5 consumers. The count
     * climbs while the backlog built at the start is cleared, may give back the consumer that only the backlog
     * needed, and then stays at what the load needs: it never climbs again after a step down.
     */
    @Test
    void settlesUnderASteadyLoadWithoutSwinging() {
        double arrivalsPerTick = 5;
        double tasksPerConsumerPerTick = 2;
        double waiting = 0;
        int consumers = 1;
        Duration sinceGrowth = LONG_AGO;
        Duration idle = Duration.ZERO;
        List<Integer> counts = new ArrayList<>();
        for (int tick = 0; tick < 300; tick++) {
            waiting += arrivalsPerTick;
            double capacity = consumers * tasksPerConsumerPerTick;
            double done = Math.min(waiting, capacity);
            waiting -= done;
            int busy = (int) Math.ceil(done / tasksPerConsumerPerTick);
            idle = busy < consumers ? idle.plusSeconds(2) : Duration.ZERO;
            ScalingPolicy.Step step = ScalingPolicy.decide(
                    new Situation(consumers, busy, idle, (long) waiting, 0.5, sinceGrowth), 1, 8, SCALING);
            sinceGrowth = sinceGrowth.plusSeconds(2);
            if (step == GROW) {
                consumers++;
                sinceGrowth = Duration.ZERO;
            } else if (step == SHRINK) {
                consumers--;
                idle = Duration.ZERO;
            }
            counts.add(consumers);
        }
        assertThat(counts.get(counts.size() - 1)).isEqualTo(3);
        List<Integer> steps = new ArrayList<>();
        for (int i = 1; i < counts.size(); i++) {
            if (!counts.get(i).equals(counts.get(i - 1))) {
                steps.add(Integer.signum(counts.get(i) - counts.get(i - 1)));
            }
        }
        int firstDown = steps.indexOf(-1);
        if (firstDown >= 0) {
            assertThat(steps.subList(firstDown, steps.size()))
                    .as("no climb after a step down: %s", counts)
                    .containsOnly(-1);
        }
        assertThat(counts.subList(150, counts.size())).as("settled").containsOnly(3);
    }
}
