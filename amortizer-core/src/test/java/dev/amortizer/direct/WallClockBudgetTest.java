package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WallClockBudgetTest {
    /** A method whose run at budget b takes b fake nanoseconds on the clock it shares with the test. */
    static final class TimedMethod implements DirectMethod {
        final long[] clock;
        final List<Long> budgetsRun = new ArrayList<>();

        TimedMethod(long[] clock) {
            this.clock = clock;
        }

        @Override
        public String name() {
            return "timed";
        }

        @Override
        public BudgetUnit unit() {
            return BudgetUnit.LIKELIHOOD_EVALUATIONS;
        }

        @Override
        public long[] defaultBudgets() {
            return new long[] {1_000_000, 10_000_000};
        }

        @Override
        public List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng) {
            budgetsRun.add(budgets[0]);
            clock[0] += budgets[0];
            return List.of(new AnytimeAnswer(budgets[0], Samples.of(List.of("a"), new double[][] {{1}}),
                    CostLedger.empty(), Map.of()));
        }
    }

    @Test
    void returnsTheLargestRungPredictedToFitAndStaysNearTheLimit() {
        long[] clock = {0};
        TimedMethod m = new TimedMethod(clock);
        // 0.1 s allowed; rungs take 1, 4, 16, 64 ms, then 256 ms would overshoot.
        AnytimeAnswer a = WallClockBudget.answerWithin(m, null, new double[0], 0.1, 1, Rng.seeded(1), () -> clock[0]);
        assertThat(m.budgetsRun).containsExactly(1_000_000L, 4_000_000L, 16_000_000L, 64_000_000L);
        assertThat(a.budget()).isEqualTo(64_000_000L);
        assertThat(clock[0] / 1e9).isLessThanOrEqualTo(0.1);
    }

    @Test
    void alwaysAnswersEvenWhenTheFirstRungIsTooSlow() {
        long[] clock = {0};
        TimedMethod m = new TimedMethod(clock);
        AnytimeAnswer a = WallClockBudget.answerWithin(m, null, new double[0], 1e-6, 1, Rng.seeded(1), () -> clock[0]);
        assertThat(a.budget()).isEqualTo(1_000_000L);
        assertThatThrownBy(() -> WallClockBudget.answerWithin(m, null, new double[0], -1, 1, Rng.seeded(1)))
                .hasMessageContaining("seconds > 0");
    }
}
