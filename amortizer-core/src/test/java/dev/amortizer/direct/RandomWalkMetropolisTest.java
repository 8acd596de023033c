package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomWalkMetropolisTest {
    private static final double SIGMA = 0.5;
    private static final double[] OBSERVATION = {1.0, -0.5};
    private static final ToyTask GAUSSIAN = ToyTasks.gaussian(2, SIGMA);
    private static final RandomWalkMetropolis DEFAULTS = RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults());

    @Test
    void recoversTheGaussianPosteriorAtALargeBudget() {
        AnytimeAnswer answer = DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {100_000}, 10_000, Rng.seeded(21)).get(0);

        // 10,000 draws thinned from 50,000: SE of a mean is about 0.45 / 100
        double[] mean = ToyTasks.gaussianPosteriorMean(OBSERVATION, SIGMA);
        double sd = ToyTasks.gaussianPosteriorSd(SIGMA);
        Samples samples = answer.samples();
        assertThat(samples.size()).isEqualTo(10_000);
        assertThat(samples.names()).isEqualTo(GAUSSIAN.parameterNames());
        assertThat(samples.mean()[0]).isCloseTo(mean[0], within(0.03));
        assertThat(samples.mean()[1]).isCloseTo(mean[1], within(0.03));
        assertThat(samples.sd()[0] / sd).isBetween(0.95, 1.05);
        assertThat(samples.sd()[1] / sd).isBetween(0.95, 1.05);
        assertThat(answer.diagnostics().get("acceptance_rate")).isBetween(0.2, 0.5);
        assertThat(answer.diagnostics().get("proposal_scale")).isBetween(0.5, 2.0);
    }

    @Test
    void errorShrinksAsTheBudgetGrows() {
        long[] budgets = {2_000, 20_000, 200_000};
        double[] meanError = new double[budgets.length];
        int seeds = 4;
        for (int seed = 0; seed < seeds; seed++) {
            List<AnytimeAnswer> answers = DEFAULTS.run(GAUSSIAN, OBSERVATION, budgets, 10_000, Rng.seeded(200 + seed));
            for (int i = 0; i < budgets.length; i++) {
                meanError[i] += ToyTasks.gaussianMomentError(answers.get(i).samples(), OBSERVATION, SIGMA) / seeds;
            }
        }

        assertThat(meanError[1]).isLessThan(0.6 * meanError[0]);
        assertThat(meanError[2]).isLessThan(meanError[1]).isLessThan(0.05);
    }

    @Test
    void laterBudgetsAddDrawsFromTheFrozenChains() {
        List<AnytimeAnswer> answers = DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {4_000, 10_000, 30_000}, 1_000,
                Rng.seeded(22));

        // W = 0.5 x 4,000 (1,000 of it for the starts); every later evaluation is a draw
        assertThat(answers).extracting(a -> a.diagnostics().get("warmup_evaluations")).containsOnly(2_000.0);
        assertThat(answers).extracting(a -> a.diagnostics().get("initial_draws")).containsOnly(1_000.0);
        assertThat(answers).extracting(a -> a.diagnostics().get("draws")).containsExactly(2_000.0, 8_000.0, 28_000.0);
    }

    @Test
    void spendsExactlyTheBudgetInLikelihoodEvaluations() {
        long[] budgets = {20_000, 200_000, 1_000_000, 2_000_000};
        DEFAULTS.run(GAUSSIAN, OBSERVATION, budgets, 1_000, Rng.seeded(1)); // warms the JIT up, so build times are steady

        List<AnytimeAnswer> answers = DEFAULTS.run(GAUSSIAN, OBSERVATION, budgets, 1_000, Rng.seeded(2));

        assertThat(answers).extracting(a -> a.queryCost().likelihoodEvaluations())
                .containsExactly(20_000L, 200_000L, 1_000_000L, 2_000_000L);
        for (AnytimeAnswer answer : answers) {
            assertThat(answer.cost().byPhase()).containsOnlyKeys(Phase.QUERY);
            assertThat(answer.queryCost().simulatorCalls()).isZero();
            assertThat(DEFAULTS.unit().spent(answer.queryCost())).isEqualTo(answer.budget());
        }
        // Every rung's time is recorded; 100 times the evaluations take longer even on a loaded machine, where
        // neighbouring rungs (a factor of 2) have been seen to swap.
        double[] wall = answers.stream().map(AnytimeAnswer::queryCost).mapToDouble(Cost::wallSeconds).toArray();
        assertThat(java.util.Arrays.stream(wall).min().orElseThrow()).isPositive();
        assertThat(wall[3]).isGreaterThan(wall[0]);
    }

    @Test
    void theSameSeedGivesTheSameAnswers() {
        DirectMethodContract.assertSameSeedSameAnswers(DEFAULTS, GAUSSIAN, OBSERVATION, new long[] {1_000, 3_000});
    }

    @Test
    void startsChainsInBothModesInProportionToTheirMass() {
        // modes near ±2 with SD 0.2, 20 SDs apart: chains stay in the mode they start in
        ToyTask mirrored = ToyTasks.absoluteValue(0, 2, 0.2);
        double mode = 2.0 * 4 / (4 + 0.04);
        for (int seed = 0; seed < 3; seed++) {
            Samples samples = DEFAULTS.run(mirrored, new double[] {2.0}, new long[] {20_000}, 10_000, Rng.seeded(300 + seed))
                    .get(0).samples();

            assertThat(positiveShare(samples)).as("seed %d", seed).isBetween(0.4, 0.6);
            assertThat(meanOfSign(samples, 1)).isCloseTo(mode, within(0.03));
            assertThat(meanOfSign(samples, -1)).isCloseTo(-mode, within(0.03));
        }
    }

    @Test
    void givesTheHeavierModeMoreChains() {
        // prior mean 0.5: the masses are in the ratio exp(2 · 0.5 · 2 / 4) = e^0.5, a share of 0.62 for θ > 0
        ToyTask lopsided = ToyTasks.absoluteValue(0.5, 2, 0.2);

        Samples samples = DEFAULTS.run(lopsided, new double[] {2.0}, new long[] {20_000}, 10_000, Rng.seeded(310))
                .get(0).samples();

        assertThat(positiveShare(samples)).isBetween(0.55, 0.7);
    }

    private static double positiveShare(Samples samples) {
        int positive = 0;
        for (int i = 0; i < samples.size(); i++) {
            positive += samples.get(i, 0) > 0 ? 1 : 0;
        }
        return positive / (double) samples.size();
    }

    private static double meanOfSign(Samples samples, int sign) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (Math.signum(samples.get(i, 0)) == sign) {
                sum += samples.get(i, 0);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void repeatsDrawsEvenlyWhenThereAreFewerThanAsked() {
        AnytimeAnswer answer = DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {200}, 1_000, Rng.seeded(23)).get(0);

        assertThat(answer.diagnostics().get("draws")).isEqualTo(100.0);
        Samples samples = answer.samples();
        assertThat(samples.size()).isEqualTo(1_000);
        for (int i = 0; i < samples.size(); i += 10) {
            for (int k = 1; k < 10; k++) {
                assertThat(samples.row(i + k)).isEqualTo(samples.row(i));
            }
        }
    }

    @Test
    void refusesATaskWithoutALikelihoodNamingIt() {
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN.withoutLikelihood(), OBSERVATION, new long[] {10_000}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gaussian_toy_simulator_only").hasMessageContaining("no tractable likelihood");
    }

    @Test
    void refusesAFirstBudgetTooSmallToWarmUp() {
        // 10 chains, half warm-up: at least 20 warm-up and 10 sampling evaluations
        assertThat(DEFAULTS.config().smallestFirstBudget()).isEqualTo(40);
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {39, 1_000}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first budget 39").hasMessageContaining("at least 40").hasMessageContaining("gaussian_toy");
        assertThat(DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {40}, 10, Rng.seeded(1)).get(0).diagnostics())
                .containsEntry("draws", 20.0);
    }

    @Test
    void anObservationNoPriorDrawCanExplainIsReported() {
        ToyTask needle = new ToyTask("needle", ToyTasks.normalPrior(1, 1),
                ToyTasks.simulator(1, 1, (theta, rng) -> theta.clone()),
                (theta, x) -> Math.abs(theta[0] - x[0]) < 1e-12 ? 0 : Double.NEGATIVE_INFINITY, null);

        assertThatThrownBy(() -> DEFAULTS.run(needle, new double[] {0.5}, new long[] {10_000}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needle").hasMessageContaining("none of 2500 prior draws"); // M = W / 2
    }

    @Test
    void badArgumentsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {1_000, 1_000}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budgets[1] is 1000");
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {1_000}, -1, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numSamples is -1");
        assertThatThrownBy(() -> new RandomWalkMetropolis.Config(0, 0.5, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chains is 0");
        assertThatThrownBy(() -> RandomWalkMetropolis.Config.defaults().withWarmupFraction(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmupFraction is 1.0");
        assertThatThrownBy(() -> RandomWalkMetropolis.Config.defaults().withInitialDraws(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialDraws is 0");
    }

    @Test
    void describesItself() {
        assertThat(DEFAULTS.name()).isEqualTo("mcmc");
        assertThat(DEFAULTS.unit()).isEqualTo(BudgetUnit.LIKELIHOOD_EVALUATIONS);
        assertThat(DEFAULTS.defaultBudgets()).containsExactly(1_000, 3_000, 10_000, 100_000);
    }
}
