package dev.amortizer.direct.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RandomWalkKernelTest {
    private static final LogDensity STANDARD_NORMAL = theta -> -0.5 * theta[0] * theta[0];

    @Test
    void initEvaluatesTheTargetOnceAndStepsOncePerStep() {
        AtomicInteger evaluations = new AtomicInteger();
        RandomWalkKernel kernel = RandomWalkKernel.of(theta -> {
            evaluations.incrementAndGet();
            return STANDARD_NORMAL.logDensity(theta);
        }, CholeskyFactor.diagonal(new double[] {1}));

        ChainState state = kernel.init(new double[] {0.5});
        assertThat(state.logDensity()).isEqualTo(-0.125);
        assertThat(evaluations).hasValue(1);
        Rng rng = Rng.seeded(1);
        for (int i = 0; i < 10; i++) {
            state = kernel.step(rng, state).state();
        }
        assertThat(evaluations).hasValue(11);
    }

    @Test
    void aStartWhereTheTargetIsZeroIsRefused() {
        RandomWalkKernel kernel = RandomWalkKernel.of(theta -> theta[0] > 0 ? 0 : Double.NEGATIVE_INFINITY,
                CholeskyFactor.diagonal(new double[] {1}));

        assertThatThrownBy(() -> kernel.init(new double[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-Infinity").hasMessageContaining("[-1.0]");
    }

    @Test
    void onAFlatTargetEveryProposalIsAccepted() {
        RandomWalkKernel kernel = RandomWalkKernel.of(theta -> 0, CholeskyFactor.diagonal(new double[] {1, 2}));
        Rng rng = Rng.seeded(2);
        ChainState state = kernel.init(new double[] {0, 0});

        for (int i = 0; i < 100; i++) {
            Transition t = kernel.step(rng, state);
            assertThat(t.info()).isEqualTo(new StepInfo(true, 1));
            assertThat(t.state().position()).isNotEqualTo(state.position());
            state = t.state();
        }
    }

    @Test
    void proposalsWhereTheTargetIsZeroOrNaNAreRejected() {
        // uniform on (-1, 0); zero on [0, 1) and NaN elsewhere
        RandomWalkKernel kernel = RandomWalkKernel.of(theta -> theta[0] > -1 && theta[0] < 0 ? 0
                : theta[0] >= 0 && theta[0] < 1 ? Double.NEGATIVE_INFINITY : Double.NaN, CholeskyFactor.diagonal(new double[] {3}));
        Rng rng = Rng.seeded(3);
        ChainState state = kernel.init(new double[] {-0.5});
        int rejected = 0;

        for (int i = 0; i < 1_000; i++) {
            Transition t = kernel.step(rng, state);
            if (!t.info().accepted()) {
                rejected++;
                assertThat(t.state()).isSameAs(state);
            }
            assertThat(t.info().acceptanceProbability()).isIn(0.0, 1.0);
            assertThat(t.state().position()[0]).isStrictlyBetween(-1.0, 0.0);
            state = t.state();
        }
        // a proposal N(θ, 9) lands in (-1, 0) with probability about 0.13
        assertThat(rejected).isBetween(800, 950);
    }

    @Test
    void acceptsWithTheRatioOfDensities() {
        double[] lastEvaluated = new double[1];
        RandomWalkKernel kernel = RandomWalkKernel.of(theta -> {
            lastEvaluated[0] = theta[0];
            return -theta[0];
        }, CholeskyFactor.diagonal(new double[] {1}));
        Rng rng = Rng.seeded(4);
        ChainState start = kernel.init(new double[] {0});

        for (int i = 0; i < 100; i++) {
            Transition t = kernel.step(rng, start);
            assertThat(t.info().acceptanceProbability()).isCloseTo(Math.min(1, Math.exp(-lastEvaluated[0])), within(1e-12));
        }
    }

    @Test
    void leavesAStandardNormalInvariant() {
        RandomWalkKernel kernel = RandomWalkKernel.of(STANDARD_NORMAL, CholeskyFactor.diagonal(new double[] {2.4}));
        Rng rng = Rng.seeded(5);
        ChainState state = kernel.init(new double[] {0});
        double sum = 0;
        double sumSquares = 0;
        int n = 200_000;

        for (int i = 0; i < n; i++) {
            state = kernel.step(rng, state).state();
            sum += state.position()[0];
            sumSquares += state.position()[0] * state.position()[0];
        }

        // integrated autocorrelation time ~ 4 at this scale: SE of the mean ~ 0.005
        assertThat(sum / n).isCloseTo(0, within(0.025));
        assertThat(sumSquares / n).isCloseTo(1, within(0.04));
    }

    @Test
    void theSameGeneratorGivesTheSameChain() {
        RandomWalkKernel kernel = RandomWalkKernel.of(STANDARD_NORMAL, CholeskyFactor.diagonal(new double[] {1}));
        ChainState a = kernel.init(new double[] {0});
        ChainState b = kernel.init(new double[] {0});
        Rng first = Rng.seeded(6);
        Rng second = Rng.seeded(6);

        for (int i = 0; i < 50; i++) {
            a = kernel.step(first, a).state();
            b = kernel.step(second, b).state();
        }
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aPositionOfTheWrongDimensionIsRefused() {
        RandomWalkKernel kernel = RandomWalkKernel.of(theta -> 0, CholeskyFactor.diagonal(new double[] {1, 1}));

        assertThatThrownBy(() -> kernel.init(new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 coordinates, the proposal 2");
        assertThatThrownBy(() -> kernel.step(Rng.seeded(1), new ChainState(new double[] {0, 0, 0}, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 coordinates, the proposal 2");
    }

    @Test
    void statesAndInfosAreValidatedAndImmutable() {
        double[] position = {1, 2};
        ChainState state = new ChainState(position, -1);
        position[0] = 99;
        state.position()[1] = 99;

        assertThat(state.position()).containsExactly(1, 2);
        assertThatThrownBy(() -> new ChainState(new double[] {Double.NaN}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position[0] is NaN");
        assertThatThrownBy(() -> new ChainState(new double[] {}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one coordinate");
        assertThatThrownBy(() -> new StepInfo(true, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acceptanceProbability is 1.5");
    }
}
