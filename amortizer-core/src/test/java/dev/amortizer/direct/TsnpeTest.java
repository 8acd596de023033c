package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.direct.truncation.TruncatedPrior;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsnpeTest {
    private static final double SIGMA = 0.5;
    /** A small MDN trained briefly: enough for a 2-D Gaussian posterior, quick for tests. */
    private static final NpeConfig QUICK = NpeConfig.defaults().withComponents(2)
            .withHidden(List.of(16, 16), HiddenActivation.TANH).withEpochs(40, 10);
    /** A pilot of 2,000 prior draws instead of 10,000: the toy's region holds a large share of the prior. */
    private static final TruncatedPrior.Settings QUICK_SAMPLING = new TruncatedPrior.Settings(2_000, 1e-3, 10_000, 0.1);
    private static final Tsnpe QUICK_TSNPE = Tsnpe.of(Tsnpe.Config.defaults().withRounds(3).withNpe(QUICK)
            .withRegionDraws(2_000).withSampling(QUICK_SAMPLING));

    @Test
    void laterRoundsTruncateThePriorAndTheAnswerMatchesTheGaussianPosterior() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        double[] x = {0.8, -0.6};
        AnytimeAnswer answer = QUICK_TSNPE.run(task, x, new long[] {3_000}, 4_000, Rng.seeded(1)).get(0);
        // the exact posterior is N(x / 1.25, 0.2 I): moments within 0.2 in total over 2 means and 2 SDs
        assertThat(ToyTasks.gaussianMomentError(answer.samples(), x, SIGMA)).isLessThan(0.2);
        assertThat(answer.samples().size()).isEqualTo(4_000);
        assertThat(answer.queryCost().simulatorCalls()).isEqualTo(3_000);
        assertThat(answer.queryCost().wallSeconds()).isPositive();
        assertThat(answer.diagnostics().get("rounds")).isEqualTo(3.0);
        assertThat(answer.diagnostics().get("region_prior_mass")).isLessThan(1.0).isPositive();
        assertThat(answer.diagnostics().get("fallback_rounds")).isZero();
        assertThat(answer.diagnostics().get("warm_start")).isZero();
        assertThat(answer.diagnostics().get("training_epochs")).isEqualTo(answer.diagnostics().get("round_1_epochs")
                + answer.diagnostics().get("round_2_epochs") + answer.diagnostics().get("round_3_epochs"));
    }

    @Test
    void warmStartedRoundsDifferFromRetrainingFromScratchAndReproduce() {
        Tsnpe.Config quick = Tsnpe.Config.defaults().withRounds(2).withNpe(QUICK.withEpochs(5, 5))
                .withRegionDraws(500).withSampling(QUICK_SAMPLING);
        Task task = ToyTasks.gaussian(2, SIGMA);
        double[] x = {0.1, 0.2};
        Tsnpe warm = Tsnpe.of(quick.withWarmStart(true));
        AnytimeAnswer warmAnswer = warm.run(task, x, new long[] {200}, 50, Rng.seeded(3)).get(0);
        AnytimeAnswer scratch = Tsnpe.of(quick).run(task, x, new long[] {200}, 50, Rng.seeded(3)).get(0);
        assertThat(warm.name()).isEqualTo("tsnpe-warm");
        assertThat(DirectMethods.byName("tsnpe-warm", 0).name()).isEqualTo("tsnpe-warm");
        assertThat(warmAnswer.diagnostics().get("warm_start")).isEqualTo(1.0);
        // round 1 is the same fit either way; round 2 starts from it or afresh
        assertThat(warmAnswer.diagnostics().get("round_1_epochs"))
                .isEqualTo(scratch.diagnostics().get("round_1_epochs"));
        assertThat(warmAnswer.samples().toArray()).isNotEqualTo(scratch.samples().toArray());
        DirectMethodContract.assertSameSeedSameAnswers(warm, task, x, new long[] {100, 200});
    }

    @Test
    void sameSeedSameAnswers() {
        DirectMethodContract.assertSameSeedSameAnswers(Tsnpe.of(Tsnpe.Config.defaults().withRounds(2).withNpe(
                QUICK.withEpochs(5, 5)).withRegionDraws(500).withSampling(QUICK_SAMPLING)), ToyTasks.gaussian(2, SIGMA),
                new double[] {0.1, 0.2}, new long[] {100, 200});
    }

    @Test
    void badInputIsRejectedByName() {
        Tsnpe defaults = Tsnpe.of(Tsnpe.Config.defaults());
        assertThatThrownBy(() -> defaults.run(ToyTasks.gaussian(2, SIGMA), new double[] {0.1, 0.2}, new long[] {100},
                10, Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tsnpe budget 100 is outside 200..");
        assertThatThrownBy(() -> Tsnpe.Config.defaults().withRounds(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounds is 0");
        assertThatThrownBy(() -> new Tsnpe.Config(10, 1, 10_000, null, Tsnpe.Config.defaults().sampling(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon is 1.0");
        assertThatThrownBy(() -> Tsnpe.Config.defaults().withRegionDraws(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regionDraws is 10");
        assertThat(DirectMethods.byName("tsnpe", 0).name()).isEqualTo("tsnpe");
        assertThat(defaults.unit()).isEqualTo(BudgetUnit.SIMULATOR_CALLS);
        assertThat(defaults.defaultBudgets()).containsExactly(1_000, 3_000, 10_000);
    }
}
