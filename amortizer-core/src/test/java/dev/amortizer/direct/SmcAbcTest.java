package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmcAbcTest {
    private static final double SIGMA = 0.5;
    private static final SmcAbc DEFAULTS = SmcAbc.of(SmcAbc.Config.defaults());

    @Test
    void laterPopulationsNarrowTheToleranceAndApproachTheGaussianPosterior() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        double[] x = {0.5, -0.3};
        List<AnytimeAnswer> answers = DEFAULTS.run(task, x, new long[] {5_000, 60_000}, 2_000, Rng.seeded(1));
        assertThat(answers.get(0).diagnostics().get("population")).isZero();
        assertThat(answers.get(1).diagnostics().get("population")).isGreaterThanOrEqualTo(1.0);
        assertThat(answers.get(1).diagnostics().get("epsilon")).isLessThan(answers.get(0).diagnostics().get("epsilon"));
        double early = ToyTasks.gaussianMomentError(answers.get(0).samples(), x, SIGMA);
        double late = ToyTasks.gaussianMomentError(answers.get(1).samples(), x, SIGMA);
        assertThat(late).isLessThan(0.15).isLessThan(early);
        assertThat(answers.get(1).queryCost().simulatorCalls()).isEqualTo(60_000);
    }

    @Test
    void sameSeedSameAnswers() {
        DirectMethodContract.assertSameSeedSameAnswers(DEFAULTS, ToyTasks.gaussian(2, SIGMA), new double[] {0.1, 0.2},
                new long[] {2_000, 20_000});
        DirectMethodContract.assertSameSeedSameAnswers(SmcAbc.of(SmcAbc.Config.defaults().withKde(true)),
                ToyTasks.gaussian(2, SIGMA), new double[] {0.1, 0.2}, new long[] {2_000, 20_000});
    }

    @Test
    void badInputIsRejectedByName() {
        assertThatThrownBy(() -> new SmcAbc.Config(1.0, 0.5, 5, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilonQuantile is 1.0");
        assertThatThrownBy(() -> new SmcAbc.Config(0.2, 0, 5, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernelVarianceScale is 0.0");
        assertThatThrownBy(() -> new SmcAbc.Config(0.2, 0.5, 0, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initialRoundFactor is 0");
        assertThatThrownBy(() -> DEFAULTS.run(ToyTasks.gaussian(2, SIGMA), new double[] {0.1}, new long[] {100}, 10,
                Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observation of 2");
        assertThat(DEFAULTS.name()).isEqualTo("smc-abc");
        assertThat(DEFAULTS.unit()).isEqualTo(BudgetUnit.SIMULATOR_CALLS);
    }
}
