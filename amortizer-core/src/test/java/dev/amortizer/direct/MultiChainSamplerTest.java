package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiChainSamplerTest {
    private static final MultiChainSampler.Config SMALL = MultiChainSampler.Config.defaults().withWarmup(300)
            .withStartDraws(1_000).withBalanceDraws(1_000);
    private static final double SIGMA = 0.5;

    @Test
    void nutsAndSliceRecoverAGaussianPosterior() {
        Task task = ToyTasks.gaussian(3, SIGMA);
        double[] x = {0.4, -1.0, 2.0};
        for (MultiChainSampler method : List.of(MultiChainSampler.nuts(SMALL), MultiChainSampler.slice(SMALL))) {
            AnytimeAnswer answer = method.run(task, x, new long[] {150_000}, 4_000, Rng.seeded(1)).get(0);
            assertThat(ToyTasks.gaussianMomentError(answer.samples(), x, SIGMA)).as(method.name()).isLessThan(0.12);
            assertThat(answer.diagnostics().get("rhat")).as(method.name()).isLessThan(1.01);
            assertThat(answer.diagnostics().get("ess_bulk")).as(method.name()).isGreaterThan(400.0);
            assertThat(answer.diagnostics().get("warmup_complete")).isEqualTo(1.0);
            // chains that agree leave the balancing reserve unspent
            assertThat(answer.queryCost().likelihoodEvaluations()).isBetween(150_000L - SMALL.balanceDraws(), 151_000L);
        }
    }

    @Test
    void chainsStartedAtGivenPositionsSpendNothingOnStartsAndRecoverThePosterior() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        double[] x = {0.4, -1.0};
        // starts drawn from a proposal off the posterior by a shift of 2: the chains must still find it
        double[][] starts = new double[50][];
        Rng startRng = Rng.seeded(6);
        for (int i = 0; i < starts.length; i++) {
            starts[i] = new double[] {startRng.nextGaussian(2.4, 0.1), startRng.nextGaussian(1.0, 0.1)};
        }
        MultiChainSampler slice = MultiChainSampler.slice(SMALL.withWarmup(100));
        AnytimeAnswer answer = slice.runFrom(starts, task, x, new long[] {60_000}, 4_000, Rng.seeded(5)).get(0);
        assertThat(ToyTasks.gaussianMomentError(answer.samples(), x, SIGMA)).isLessThan(0.12);
        assertThat(answer.diagnostics().get("initial_ess")).isNaN();
        assertThat(answer.queryCost().likelihoodEvaluations()).isBetween(60_000L - SMALL.balanceDraws(), 61_000L);
        AnytimeAnswer again = slice.runFrom(starts, task, x, new long[] {60_000}, 4_000, Rng.seeded(5)).get(0);
        assertThat(again.samples().toArray()).isDeepEqualTo(answer.samples().toArray());
    }

    @Test
    void startsOutsideThePriorsSupportAreRefused() {
        ToyTask gaussian = ToyTasks.gaussian(1, SIGMA);
        Task task = new ToyTask("box_toy", ToyTasks.unitBoxPrior(1), gaussian.simulator(), gaussian.likelihoodOrNull(),
                null);
        assertThatThrownBy(() -> MultiChainSampler.slice(SMALL).runFrom(new double[][] {{0.5}, {1.5}}, task,
                new double[] {0.5}, new long[] {10_000}, 100, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starting position 2")
                .hasMessageContaining("outside the prior's support");
        assertThatThrownBy(() -> MultiChainSampler.slice(SMALL).runFrom(new double[0][], task, new double[] {0.5},
                new long[] {10_000}, 100, Rng.seeded(1))).hasMessageContaining("no starting positions");
    }

    @Test
    void sameSeedSameAnswers() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        DirectMethodContract.assertSameSeedSameAnswers(MultiChainSampler.nuts(SMALL), task, new double[] {0.3, 0.1},
                new long[] {5_000, 40_000});
        DirectMethodContract.assertSameSeedSameAnswers(MultiChainSampler.slice(SMALL), task, new double[] {0.3, 0.1},
                new long[] {5_000, 40_000});
    }

    @Test
    void theDrawsDoNotDependOnTheThreadCount() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        double[] x = {0.3, 0.1};
        Samples one = MultiChainSampler.nuts(SMALL.withThreads(1)).run(task, x, new long[] {40_000}, 500, Rng.seeded(3))
                .get(0).samples();
        Samples four = MultiChainSampler.nuts(SMALL.withThreads(4)).run(task, x, new long[] {40_000}, 500, Rng.seeded(3))
                .get(0).samples();
        assertThat(four.toArray()).isDeepEqualTo(one.toArray());
    }

    @Test
    void chainsInTwoModesArePooledByTheModesMasses() {
        // x ~ N(|θ|, 0.1²), θ ~ N(0.25, 1), x_o = 2: modes near ±2 with masses e : 1
        Task task = ToyTasks.absoluteValue(0.25, 1, 0.1);
        double expected = Math.E / (1 + Math.E);
        for (MultiChainSampler method : List.of(MultiChainSampler.nuts(SMALL.withChains(5)),
                MultiChainSampler.slice(SMALL.withChains(5)))) {
            AnytimeAnswer answer = method.run(task, new double[] {2}, new long[] {100_000}, 4_000, Rng.seeded(4)).get(0);
            double positive = 0;
            for (double[] row : answer.samples().toArray()) {
                positive += row[0] > 0 ? 1 : 0;
            }
            assertThat(positive / 4_000).as(method.name()).isBetween(expected - 0.04, expected + 0.04);
            assertThat(answer.diagnostics().get("rhat_all_chains")).as("chains in different modes do not mix")
                    .isGreaterThan(1.1);
            assertThat(answer.diagnostics().get("modes")).as(method.name()).isEqualTo(2.0);
            assertThat(answer.diagnostics().get("mass_weighted")).isEqualTo(1.0);
            assertThat(answer.diagnostics().get("min_mode_weight")).isBetween(1 - expected - 0.05, 1 - expected + 0.05);
            assertThat(answer.diagnostics().get("rhat")).as("within each mode the chains agree").isLessThan(1.01);
            assertThat(AnswerWarnings.warnings(answer.diagnostics())).as(method.name()).isEmpty();
            assertThat(answer.parameters()).singleElement().satisfies(p -> {
                assertThat(p.mean()).as("the mass-weighted mean").isCloseTo(2 * (2 * expected - 1), within(0.15));
                assertThat(p.q5()).isLessThan(-1.5);
                assertThat(p.q95()).isGreaterThan(1.5);
            });
        }
    }

    @Test
    void aBudgetTooSmallForTheWarmupStillAnswers() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        List<AnytimeAnswer> answers = MultiChainSampler.nuts(SMALL).run(task, new double[] {0.3, 0.1},
                new long[] {3_000, 60_000}, 200, Rng.seeded(5));
        assertThat(answers.get(0).diagnostics().get("warmup_complete")).isEqualTo(0.0);
        assertThat(answers.get(0).samples().size()).isEqualTo(200);
        assertThat(answers.get(1).diagnostics().get("warmup_complete")).isEqualTo(1.0);
        assertThat(answers.get(1).queryCost().likelihoodEvaluations())
                .isGreaterThan(answers.get(0).queryCost().likelihoodEvaluations());
    }

    @Test
    void badInputIsRejectedByName() {
        Task task = ToyTasks.gaussian(2, SIGMA);
        MultiChainSampler nuts = MultiChainSampler.nuts(SMALL);
        assertThatThrownBy(() -> nuts.run(task, new double[] {0.3, 0.1}, new long[] {10}, 100, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first budget 10 is too small");
        assertThatThrownBy(() -> nuts.run(task, new double[] {0.3}, new long[] {10_000}, 100, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects an observation of 2");
        Task noLikelihood = new ToyTask("simulator_only", task.prior(), task.simulator(), null, null);
        assertThatThrownBy(() -> nuts.run(noLikelihood, new double[] {0.3, 0.1}, new long[] {10_000}, 100, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tractable likelihood");
        assertThatThrownBy(() -> SMALL.withChains(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chains is 0");
        assertThatThrownBy(() -> SMALL.withWarmup(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmup is 5");
        assertThatThrownBy(() -> SMALL.withBalanceDraws(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("balanceDraws is -1");
    }

    @Test
    void namesAndUnits() {
        assertThat(MultiChainSampler.nuts(SMALL).name()).isEqualTo("nuts");
        assertThat(MultiChainSampler.slice(SMALL).name()).isEqualTo("slice");
        assertThat(MultiChainSampler.nuts(SMALL).unit()).isEqualTo(BudgetUnit.LIKELIHOOD_EVALUATIONS);
        assertThat(DirectMethods.byName("nuts", 6)).isInstanceOfSatisfying(MultiChainSampler.class,
                m -> assertThat(m.config().chains()).isEqualTo(6));
        assertThatThrownBy(() -> DirectMethods.byName("hmc", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("method hmc is not available");
    }
}
