package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportanceSamplingTest {
    private static final double SIGMA = 0.5;

    @Test
    void priorProposalRecoversAGaussianPosteriorWithAReliableK() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        double[] x = {0.5, -0.3};
        List<AnytimeAnswer> answers = ImportanceSampling.withPrior().run(task, x, new long[] {1_000, 100_000}, 4_000, Rng.seeded(1));
        AnytimeAnswer last = answers.get(1);
        assertThat(ToyTasks.gaussianMomentError(last.samples(), x, SIGMA)).isLessThan(0.1);
        assertThat(last.diagnostics().get("ess")).isGreaterThan(answers.get(0).diagnostics().get("ess")).isGreaterThan(5_000.0);
        assertThat(last.diagnostics().get("pareto_k")).isLessThan(0.7);
        assertThat(last.queryCost().likelihoodEvaluations()).isEqualTo(100_000);
    }

    @Test
    void aTooNarrowProposalIsFlaggedByParetoK() {
        Task task = ToyTasks.gaussian(1, 2.0);
        // posterior N(0.8·x/…) with sd ≈ 0.89; a proposal N(0, 0.3²) is far too narrow
        ImportanceSampling narrow = ImportanceSampling.with(t -> new ImportanceProposal() {
            @Override
            public double[] sample(Rng rng) {
                return new double[] {0.3 * rng.nextGaussian()};
            }

            @Override
            public double logDensity(double[] theta) {
                return -0.5 * theta[0] * theta[0] / 0.09;
            }
        });
        AnytimeAnswer answer = narrow.run(task, new double[] {0}, new long[] {20_000}, 1_000, Rng.seeded(2)).get(0);
        assertThat(answer.diagnostics().get("pareto_k")).isGreaterThan(0.7);
    }

    @Test
    void sameSeedSameAnswers() {
        DirectMethodContract.assertSameSeedSameAnswers(ImportanceSampling.withPrior(), ToyTasks.gaussian(2, SIGMA),
                new double[] {0.1, 0.2}, new long[] {1_000, 5_000});
    }

    @Test
    void aTaskWithoutLikelihoodIsRejected() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        Task noLikelihood = new ToyTask("simulator_only", task.prior(), task.simulator(), null, null);
        assertThatThrownBy(() -> ImportanceSampling.withPrior().run(noLikelihood, new double[] {0, 0}, new long[] {100}, 10,
                Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tractable likelihood");
    }
}
