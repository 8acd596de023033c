package dev.amortizer.direct.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NutsKernelTest {
    /** N((1, −2), Σ) with Σ = [[1, 0.8·1·0.5], [0.8·1·0.5, 0.25]]: correlated and of unequal scales. */
    private static final double[] MEAN = {1, -2};
    private static final double[][] PRECISION = precision(1, 0.5, 0.8);

    private static final GradientLogDensity CORRELATED = new GradientLogDensity() {
        @Override
        public double logDensity(double[] x) {
            return logDensityAndGradient(x, new double[2]);
        }

        @Override
        public double logDensityAndGradient(double[] x, double[] grad) {
            double d0 = x[0] - MEAN[0];
            double d1 = x[1] - MEAN[1];
            grad[0] = -(PRECISION[0][0] * d0 + PRECISION[0][1] * d1);
            grad[1] = -(PRECISION[1][0] * d0 + PRECISION[1][1] * d1);
            return 0.5 * (d0 * grad[0] + d1 * grad[1]);
        }
    };

    @Test
    void leavesACorrelatedGaussianInvariant() {
        NutsKernel kernel = NutsKernel.of(CORRELATED, 0.3, new double[] {1, 1}, 10);
        Rng rng = Rng.seeded(1);
        HamiltonianState state = kernel.init(MEAN.clone());
        int n = 20_000;
        double[] sum = new double[2];
        double[] squares = new double[2];
        double cross = 0;
        for (int i = 0; i < n; i++) {
            state = kernel.step(rng, state).state();
            double[] x = state.position();
            for (int j = 0; j < 2; j++) {
                sum[j] += x[j];
                squares[j] += x[j] * x[j];
            }
            cross += x[0] * x[1];
        }
        double m0 = sum[0] / n;
        double m1 = sum[1] / n;
        assertThat(m0).isCloseTo(1, within(0.03));
        assertThat(m1).isCloseTo(-2, within(0.015));
        assertThat(squares[0] / n - m0 * m0).isCloseTo(1, within(0.05));
        assertThat(squares[1] / n - m1 * m1).isCloseTo(0.25, within(0.0125));
        assertThat(cross / n - m0 * m1).isCloseTo(0.4, within(0.025));
    }

    @Test
    void theSameGeneratorGivesTheSameChainAndAnotherADifferentOne() {
        NutsKernel kernel = NutsKernel.of(CORRELATED, 0.2, new double[] {1, 0.25}, 8);
        HamiltonianState a = kernel.init(new double[] {0, 0});
        HamiltonianState b = kernel.init(new double[] {0, 0});
        HamiltonianState c = kernel.init(new double[] {0, 0});
        Rng first = Rng.seeded(6);
        Rng second = Rng.seeded(6);
        Rng third = Rng.seeded(7);
        for (int i = 0; i < 50; i++) {
            a = kernel.step(first, a).state();
            b = kernel.step(second, b).state();
            c = kernel.step(third, c).state();
        }
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void oneGradientEvaluationPerLeapfrogStep() {
        AtomicInteger calls = new AtomicInteger();
        GradientLogDensity counted = new GradientLogDensity() {
            @Override
            public double logDensity(double[] x) {
                return CORRELATED.logDensity(x);
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                calls.incrementAndGet();
                return CORRELATED.logDensityAndGradient(x, grad);
            }
        };
        NutsKernel kernel = NutsKernel.of(counted, 0.2, new double[] {1, 1}, 6);
        HamiltonianState state = kernel.init(new double[] {0.5, -1.5});
        assertThat(calls).hasValue(1);
        Rng rng = Rng.seeded(2);
        int leapfrogs = 0;
        for (int i = 0; i < 100; i++) {
            NutsTransition t = kernel.step(rng, state);
            leapfrogs += t.info().leapfrogSteps();
            assertThat(t.info().treeDepth()).isBetween(1, 6);
            assertThat(t.info().leapfrogSteps()).isLessThanOrEqualTo((1 << t.info().treeDepth()) - 1 + 1);
            state = t.state();
        }
        assertThat(calls).hasValue(1 + leapfrogs);
    }

    @Test
    void aHugeStepSizeDivergesAndStaysPut() {
        NutsKernel kernel = NutsKernel.of(CORRELATED, 1e4, new double[] {1, 1}, 10);
        HamiltonianState start = kernel.init(MEAN.clone());
        NutsTransition t = kernel.step(Rng.seeded(3), start);
        assertThat(t.info().divergent()).isTrue();
        assertThat(t.state()).isEqualTo(start);
    }

    @Test
    void neverLeavesTheSupportOfATruncatedTarget() {
        // standard normal truncated to x > 0: log density -Infinity elsewhere
        GradientLogDensity half = new GradientLogDensity() {
            @Override
            public double logDensity(double[] x) {
                return x[0] > 0 ? -0.5 * x[0] * x[0] : Double.NEGATIVE_INFINITY;
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                grad[0] = -x[0];
                return logDensity(x);
            }
        };
        NutsKernel kernel = NutsKernel.of(half, 0.5, new double[] {1}, 8);
        Rng rng = Rng.seeded(4);
        HamiltonianState state = kernel.init(new double[] {1});
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            state = kernel.step(rng, state).state();
            assertThat(state.position()[0]).isPositive();
            sum += state.position()[0];
        }
        // E[X | X > 0] = sqrt(2 / pi) for a standard normal
        assertThat(sum / n).isCloseTo(Math.sqrt(2 / Math.PI), within(0.03));
    }

    @Test
    void reasonableStepSizeGrowsOnAWideTargetAndShrinksOnANarrowOne() {
        GradientLogDensity wide = scaledNormal(100);
        GradientLogDensity narrow = scaledNormal(0.01);
        NutsKernel a = NutsKernel.of(wide, 1, new double[] {1}, 10);
        NutsKernel b = NutsKernel.of(narrow, 1, new double[] {1}, 10);
        assertThat(a.reasonableStepSize(Rng.seeded(5), a.init(new double[] {0}))).isGreaterThan(8);
        assertThat(b.reasonableStepSize(Rng.seeded(5), b.init(new double[] {0}))).isLessThan(0.1);
    }

    @Test
    void badArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> NutsKernel.of(CORRELATED, 0, new double[] {1, 1}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepSize is 0.0");
        assertThatThrownBy(() -> NutsKernel.of(CORRELATED, 0.1, new double[] {1, -1}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inverseMetric[1] is -1.0");
        assertThatThrownBy(() -> NutsKernel.of(CORRELATED, 0.1, new double[] {1, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDepth is 0");
        NutsKernel kernel = NutsKernel.of(CORRELATED, 0.1, new double[] {1, 1}, 10);
        assertThatThrownBy(() -> kernel.init(new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 coordinates");
    }

    private static GradientLogDensity scaledNormal(double sd) {
        return new GradientLogDensity() {
            @Override
            public double logDensity(double[] x) {
                return -0.5 * x[0] * x[0] / (sd * sd);
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                grad[0] = -x[0] / (sd * sd);
                return logDensity(x);
            }
        };
    }

    private static double[][] precision(double sd0, double sd1, double rho) {
        double c = rho * sd0 * sd1;
        double det = sd0 * sd0 * sd1 * sd1 - c * c;
        return new double[][] {{sd1 * sd1 / det, -c / det}, {-c / det, sd0 * sd0 / det}};
    }

    @Test
    void aStepPastAHardEdgeIsADivergenceAtZeroDensityAndAnUnstableStepOneWithFiniteEnergy() {
        // N(0, 1) cut to x > 0: its density is highest at the edge and zero beyond it
        GradientLogDensity halfNormal = new GradientLogDensity() {
            @Override
            public double logDensity(double[] x) {
                return logDensityAndGradient(x, new double[1]);
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                grad[0] = x[0] > 0 ? -x[0] : 0;
                return x[0] > 0 ? -0.5 * x[0] * x[0] : Double.NEGATIVE_INFINITY;
            }
        };
        int[] counts = transitions(NutsKernel.of(halfNormal, 0.3, new double[] {1}, 10), new double[] {0.5}, 2_000);
        assertThat(counts[0]).as("divergent transitions").isGreaterThan(100);
        assertThat(counts[1]).as("of them at zero density").isEqualTo(counts[0]);

        // N(0, 10⁻⁴) with ε = 1: the leapfrog explodes, with a finite energy error above 1000
        GradientLogDensity narrow = new GradientLogDensity() {
            @Override
            public double logDensity(double[] x) {
                return -0.5e4 * x[0] * x[0];
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                grad[0] = -1e4 * x[0];
                return logDensity(x);
            }
        };
        int[] unstable = transitions(NutsKernel.of(narrow, 1, new double[] {1}, 10), new double[] {0.01}, 200);
        assertThat(unstable[0]).isEqualTo(200);
        assertThat(unstable[1]).isZero();
    }

    /** {divergent, divergent at zero density} over n transitions from x0. */
    private static int[] transitions(NutsKernel kernel, double[] x0, int n) {
        Rng rng = Rng.seeded(7);
        HamiltonianState state = kernel.init(x0);
        int[] counts = new int[2];
        for (int i = 0; i < n; i++) {
            NutsTransition t = kernel.step(rng, state);
            state = t.state();
            counts[0] += t.info().divergent() ? 1 : 0;
            counts[1] += t.info().atZeroDensity() ? 1 : 0;
        }
        return counts;
    }
}
