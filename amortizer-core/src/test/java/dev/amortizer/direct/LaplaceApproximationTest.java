package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import org.junit.jupiter.api.Test;

class LaplaceApproximationTest {
    private static final double SIGMA = 0.5;
    private static final LaplaceApproximation DEFAULTS = LaplaceApproximation.of(LaplaceApproximation.Config.defaults());

    @Test
    void isExactForAGaussianPosterior() {
        Task task = ToyTasks.gaussian(3, SIGMA);
        double[] x = {0.4, -1.0, 2.0};
        AnytimeAnswer answer = DEFAULTS.run(task, x, new long[] {5_000}, 20_000, Rng.seeded(1)).get(0);
        assertThat(ToyTasks.gaussianMomentError(answer.samples(), x, SIGMA)).isLessThan(0.05);
        assertThat(answer.diagnostics().get("modes")).isEqualTo(1.0);
        assertThat(answer.queryCost().likelihoodEvaluations()).isLessThanOrEqualTo(5_000 + 2L * 3 * 1);
    }

    @Test
    void findsBothModesAndWeighsThemByTheirMass() {
        // modes near ±2 with masses e : 1 (see ToyTasks.absoluteValue)
        Task task = ToyTasks.absoluteValue(0.25, 1, 0.1);
        AnytimeAnswer answer = DEFAULTS.run(task, new double[] {2}, new long[] {20_000}, 10_000, Rng.seeded(2)).get(0);
        double positive = 0;
        for (double[] row : answer.samples().toArray()) {
            positive += row[0] > 0 ? 1 : 0;
        }
        assertThat(answer.diagnostics().get("modes")).isEqualTo(2.0);
        assertThat(positive / 10_000).isBetween(Math.E / (1 + Math.E) - 0.03, Math.E / (1 + Math.E) + 0.03);
    }

    @Test
    void sameSeedSameAnswers() {
        DirectMethodContract.assertSameSeedSameAnswers(DEFAULTS, ToyTasks.gaussian(2, SIGMA), new double[] {0.1, 0.2},
                new long[] {500, 5_000});
    }

    @Test
    void badInputIsRejectedByName() {
        assertThatThrownBy(() -> new LaplaceApproximation.Config(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evaluationsPerStart is 5");
        Task task = ToyTasks.gaussian(2, SIGMA);
        Task noLikelihood = new ToyTask("simulator_only", task.prior(), task.simulator(), null, null);
        assertThatThrownBy(() -> DEFAULTS.run(noLikelihood, new double[] {0, 0}, new long[] {100}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tractable likelihood");
    }
}
