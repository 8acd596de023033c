package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Support;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RejectionAbcTest {
    private static final double SIGMA = 0.5;
    private static final double[] OBSERVATION = {1.0, -0.5};
    private static final ToyTask GAUSSIAN = ToyTasks.gaussian(2, SIGMA);
    private static final RejectionAbc DEFAULTS = RejectionAbc.of(RejectionAbc.Config.defaults());
    private static final RejectionAbc RESAMPLING = RejectionAbc.of(RejectionAbc.Config.defaults().withKde(false));

    @Test
    void recoversTheGaussianPosteriorWhenKeepingTheClosestOnePercent() {
        RejectionAbc abc = RejectionAbc.of(RejectionAbc.Config.defaults().withAcceptance(AbcAcceptance.closest(1_000)));

        Samples samples = abc.run(GAUSSIAN, OBSERVATION, new long[] {100_000}, 10_000, Rng.seeded(11)).get(0).samples();

        // 1,000 kept draws: SE of a mean is 0.45 / 32 = 0.014; Scott's KDE inflates the SD by sqrt(1 + 1000^(-1/3)) = 1.05
        double[] mean = ToyTasks.gaussianPosteriorMean(OBSERVATION, SIGMA);
        double sd = ToyTasks.gaussianPosteriorSd(SIGMA);
        assertThat(samples.mean()[0]).isCloseTo(mean[0], within(0.05));
        assertThat(samples.mean()[1]).isCloseTo(mean[1], within(0.05));
        assertThat(samples.sd()[0] / sd).isBetween(0.95, 1.15);
        assertThat(samples.sd()[1] / sd).isBetween(0.95, 1.15);
    }

    @Test
    void sbibmDefaultsGiveTheRightPosteriorUpToTheNoiseOfOneHundredKeptDraws() {
        AnytimeAnswer answer = DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {100_000}, 10_000, Rng.seeded(12)).get(0);

        double[] mean = ToyTasks.gaussianPosteriorMean(OBSERVATION, SIGMA);
        double sd = ToyTasks.gaussianPosteriorSd(SIGMA);
        assertThat(answer.samples().size()).isEqualTo(10_000);
        assertThat(answer.samples().names()).isEqualTo(GAUSSIAN.parameterNames());
        assertThat(answer.samples().mean()[0]).isCloseTo(mean[0], within(0.15));
        assertThat(answer.samples().mean()[1]).isCloseTo(mean[1], within(0.15));
        assertThat(answer.samples().sd()[0] / sd).isBetween(0.85, 1.4);
        assertThat(answer.samples().sd()[1] / sd).isBetween(0.85, 1.4);
        assertThat(answer.diagnostics()).containsEntry("kept", 100.0).containsEntry("kde_factor", Math.pow(100, -1.0 / 6));
    }

    @Test
    void errorShrinksAsTheBudgetGrows() {
        long[] budgets = {1_000, 10_000, 100_000};
        double[] meanError = new double[budgets.length];
        int seeds = 5;
        for (int seed = 0; seed < seeds; seed++) {
            List<AnytimeAnswer> answers = DEFAULTS.run(GAUSSIAN, OBSERVATION, budgets, 4_000, Rng.seeded(100 + seed));
            for (int i = 0; i < budgets.length; i++) {
                meanError[i] += ToyTasks.gaussianMomentError(answers.get(i).samples(), OBSERVATION, SIGMA) / seeds;
            }
        }

        assertThat(meanError[2]).isLessThan(0.7 * meanError[0]);
        assertThat(meanError[1]).isLessThan(meanError[0]);
    }

    @Test
    void keepingAQuantileKeepsImprovingWithTheBudget() {
        RejectionAbc abc = RejectionAbc.of(RejectionAbc.Config.defaults().withAcceptance(AbcAcceptance.quantile(0.01)));

        List<AnytimeAnswer> answers = abc.run(GAUSSIAN, OBSERVATION, new long[] {1_000, 10_000, 100_000, 1_000_000},
                10_000, Rng.seeded(13));

        assertThat(answers).extracting(a -> a.diagnostics().get("kept")).containsExactly(10.0, 100.0, 1_000.0, 10_000.0);
        double[] errors = answers.stream()
                .mapToDouble(a -> ToyTasks.gaussianMomentError(a.samples(), OBSERVATION, SIGMA)).toArray();
        assertThat(errors[3]).isLessThan(errors[2]).isLessThan(0.1);
        assertThat(errors[2]).isLessThan(errors[0]);
    }

    @Test
    void chargesEachSimulationOnceAndCumulatively() {
        long[] budgets = {10_000, 25_500, 100_000, 1_000_000};
        DEFAULTS.run(GAUSSIAN, OBSERVATION, budgets, 1_000, Rng.seeded(1)); // warms the JIT up, so build times are steady

        List<AnytimeAnswer> answers = DEFAULTS.run(GAUSSIAN, OBSERVATION, budgets, 1_000, Rng.seeded(2));

        assertThat(answers).extracting(AnytimeAnswer::budget).containsExactly(10_000L, 25_500L, 100_000L, 1_000_000L);
        assertThat(answers).extracting(a -> a.queryCost().simulatorCalls()).containsExactly(10_000L, 25_500L, 100_000L, 1_000_000L);
        for (AnytimeAnswer answer : answers) {
            assertThat(answer.cost().byPhase()).containsOnlyKeys(Phase.QUERY);
            assertThat(answer.queryCost().likelihoodEvaluations()).isZero();
            assertThat(DEFAULTS.unit().spent(answer.queryCost())).isEqualTo(answer.budget());
        }
        double[] wall = answers.stream().map(AnytimeAnswer::queryCost).mapToDouble(Cost::wallSeconds).toArray();
        assertThat(wall[0]).isPositive();
        assertThat(wall[3]).isGreaterThan(wall[2]).isGreaterThan(wall[0]);
    }

    @Test
    void theSameSeedGivesTheSameAnswers() {
        DirectMethodContract.assertSameSeedSameAnswers(DEFAULTS, GAUSSIAN, OBSERVATION, new long[] {2_000, 5_500});
    }

    @Test
    void simulationsUpToABudgetDoNotDependOnTheEarlierBudgets() {
        RejectionAbc abc = RejectionAbc.of(RejectionAbc.Config.defaults().withBatchSize(1_000));

        AnytimeAnswer alone = abc.run(GAUSSIAN, OBSERVATION, new long[] {10_000}, 100, Rng.seeded(5)).get(0);
        AnytimeAnswer last = abc.run(GAUSSIAN, OBSERVATION, new long[] {2_500, 7_300, 10_000}, 100, Rng.seeded(5)).get(2);

        assertThat(last.diagnostics().get("epsilon")).isEqualTo(alone.diagnostics().get("epsilon"));
    }

    @Test
    void withoutTheKdeEveryDrawIsOneOfTheKeptParameters() {
        Samples samples = RESAMPLING.run(GAUSSIAN, OBSERVATION, new long[] {20_000}, 5_000, Rng.seeded(3)).get(0).samples();

        Set<List<Double>> distinct = new HashSet<>();
        for (double[] row : samples.toArray()) {
            distinct.add(List.of(row[0], row[1]));
        }
        assertThat(distinct).hasSizeBetween(90, 100);
    }

    @Test
    void dropsAndCountsSimulationsWithNonFiniteOutput() {
        ToyTask failing = new ToyTask("fails_above_one", ToyTasks.normalPrior(2, 1), ToyTasks.simulator(2, 2,
                (theta, rng) -> theta[0] > 1 ? new double[] {Double.NaN, 0} : new double[] {rng.nextGaussian(theta[0], SIGMA),
                        rng.nextGaussian(theta[1], SIGMA)}), null, null);

        AnytimeAnswer answer = DEFAULTS.run(failing, OBSERVATION, new long[] {20_000}, 1_000, Rng.seeded(4)).get(0);

        // P(θ₁ > 1) = 0.159 under N(0, 1)
        assertThat(answer.diagnostics().get("invalid_simulations")).isBetween(0.14 * 20_000, 0.18 * 20_000);
        assertThat(answer.queryCost().simulatorCalls()).isEqualTo(20_000);
        assertThat(Arrays.stream(answer.samples().toArray()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void aSimulatorThatAlwaysFailsIsReportedByName() {
        ToyTask broken = new ToyTask("always_nan", ToyTasks.normalPrior(1, 1),
                ToyTasks.simulator(1, 1, (theta, rng) -> new double[] {Double.POSITIVE_INFINITY}), null, null);

        assertThatThrownBy(() -> DEFAULTS.run(broken, new double[] {0}, new long[] {50}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("always_nan").hasMessageContaining("all 50");
    }

    @Test
    void aConstantDataCoordinateDoesNotBreakTheStandardisation() {
        ToyTask constant = new ToyTask("constant_second_output", ToyTasks.normalPrior(1, 1),
                ToyTasks.simulator(1, 2, (theta, rng) -> new double[] {rng.nextGaussian(theta[0], SIGMA), 3.0}), null, null);

        Samples samples = RESAMPLING.run(constant, new double[] {1.0, 3.0}, new long[] {50_000}, 2_000,
                Rng.seeded(6)).get(0).samples();

        assertThat(samples.mean()[0]).isCloseTo(1.0 / (1 + SIGMA * SIGMA), within(0.15));
    }

    @Test
    void kdeDrawsStayInsideABoundedPriorsSupport() {
        ToyTask boxed = new ToyTask("unit_box", ToyTasks.unitBoxPrior(2), ToyTasks.simulator(2, 2,
                (theta, rng) -> new double[] {rng.nextGaussian(theta[0], 0.1), rng.nextGaussian(theta[1], 0.1)}), null, null);

        AnytimeAnswer answer = DEFAULTS.run(boxed, new double[] {0.01, 0.02}, new long[] {20_000}, 5_000, Rng.seeded(9)).get(0);

        Support box = boxed.prior().support();
        assertThat(Arrays.asList(answer.samples().toArray())).allMatch(box::contains);
        assertThat(answer.diagnostics().get("kde_support_rejection_rate")).isBetween(0.1, 0.9);
    }

    @Test
    void aKdeThatCannotHitTheSupportFailsWithAClearMessage() {
        Prior integers = new Prior() {
            @Override
            public int dim() {
                return 1;
            }

            @Override
            public double[] sample(Rng rng) {
                return new double[] {rng.nextInt(10)};
            }

            @Override
            public double logDensity(double[] theta) {
                boolean onGrid = theta[0] == Math.rint(theta[0]) && theta[0] >= 0 && theta[0] <= 9;
                return onGrid ? Math.log(0.1) : Double.NEGATIVE_INFINITY;
            }

            @Override
            public Support support() {
                return Support.box(1, 0, 9);
            }
        };
        ToyTask grid = new ToyTask("integer_grid", integers,
                ToyTasks.simulator(1, 1, (theta, rng) -> new double[] {rng.nextGaussian(theta[0], 1)}), null, null);

        assertThatThrownBy(() -> DEFAULTS.run(grid, new double[] {4}, new long[] {1_000}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("integer_grid").hasMessageContaining("1000 KDE proposals").hasMessageContaining("withKde(false)");
        AnytimeAnswer resampled = RESAMPLING.run(grid, new double[] {4}, new long[] {1_000}, 10, Rng.seeded(1)).get(0);
        assertThat(Arrays.asList(resampled.samples().toArray())).allMatch(row -> row[0] == Math.rint(row[0]));
    }

    @Test
    void badBudgetsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budgets is empty");
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {0}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budgets[0] is 0");
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {100, -5}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budgets[1] is -5");
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {100, 100}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budgets[1] is 100")
                .hasMessageContaining("strictly increase");
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {200, 100}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budgets[1] is 100");
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {Long.MAX_VALUE}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget " + Long.MAX_VALUE)
                .hasMessageContaining("gaussian_toy");
    }

    @Test
    void otherBadArgumentsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, OBSERVATION, new long[] {100}, 0, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numSamples is 0");
        assertThatThrownBy(() -> DEFAULTS.run(GAUSSIAN, new double[] {1}, new long[] {100}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gaussian_toy").hasMessageContaining("got 1");
        assertThatThrownBy(() -> new RejectionAbc.Config(0, AbcAcceptance.closest(1), true, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize is 0");
        assertThatThrownBy(() -> new RejectionAbc.Config(10, AbcAcceptance.closest(1), true, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttemptsPerDraw is 0");
        assertThatThrownBy(() -> AbcAcceptance.closest(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count is 0");
        assertThatThrownBy(() -> AbcAcceptance.quantile(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantile is 1.5");
        assertThatThrownBy(() -> AbcAcceptance.quantile(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantile is NaN");
    }

    @Test
    void acceptanceRulesKeepBetweenOneAndAll() {
        assertThat(AbcAcceptance.closest(100).keptCount(40)).isEqualTo(40);
        assertThat(AbcAcceptance.closest(100).keptCount(4_000)).isEqualTo(100);
        assertThat(AbcAcceptance.quantile(0.001).keptCount(10)).isEqualTo(1);
        assertThat(AbcAcceptance.quantile(0.01).keptCount(12_345)).isEqualTo(124);
        assertThat(AbcAcceptance.quantile(1).keptCount(7)).isEqualTo(7);
    }

    @Test
    void describesItself() {
        assertThat(DEFAULTS.name()).isEqualTo("rejection-abc");
        assertThat(DEFAULTS.unit()).isEqualTo(BudgetUnit.SIMULATOR_CALLS);
        long[] ladder = DEFAULTS.defaultBudgets();
        assertThat(ladder).containsExactly(1_000, 10_000, 100_000);
        ladder[0] = -1;
        assertThat(DEFAULTS.defaultBudgets()[0]).isEqualTo(1_000);
    }
}
