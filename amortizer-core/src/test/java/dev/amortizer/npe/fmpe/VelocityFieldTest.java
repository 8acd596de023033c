package dev.amortizer.npe.fmpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The velocity field's divergence, gradient and ODE density against numerical checks, on untrained weights. */
class VelocityFieldTest {
    private static VelocityField field(int dim, HiddenActivation act, long seed) {
        return VelocityField.create(dim, 2, 3, List.of(16, 16), act, Rng.seeded(seed));
    }

    private static double[][] rows(int n, int dim, Rng rng) {
        double[][] r = new double[n][dim];
        for (double[] row : r) {
            for (int i = 0; i < dim; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        return r;
    }

    @ParameterizedTest(name = "{0}-D, {1}")
    @CsvSource({"1, TANH", "2, TANH", "3, TANH", "3, RELU"})
    void divergenceIsTheTraceOfANumericalJacobian(int dim, HiddenActivation act) {
        VelocityField f = field(dim, act, 7);
        Rng rng = Rng.seeded(3);
        double[][] theta = rows(5, dim, rng);
        double[][] c = rows(5, 2, rng);
        double t = 0.37;
        double[] div = new double[5];
        double[][] v = f.velocityAndDivergence(theta, c, t, div);
        double[][] plain = f.velocity(theta, c, t);
        double eps = 1e-6;
        for (int r = 0; r < 5; r++) {
            assertThat(v[r]).containsExactly(plain[r], within(1e-12));
            double trace = 0;
            for (int i = 0; i < dim; i++) {
                double[] up = theta[r].clone();
                double[] down = theta[r].clone();
                up[i] += eps;
                down[i] -= eps;
                trace += (f.velocity(new double[][] {up}, new double[][] {c[r]}, t)[0][i]
                        - f.velocity(new double[][] {down}, new double[][] {c[r]}, t)[0][i]) / (2 * eps);
            }
            assertThat(div[r]).isCloseTo(trace, within(1e-6));
        }
    }

    @ParameterizedTest(name = "{0}-D")
    @ValueSource(ints = {1, 3})
    void lossGradientMatchesFiniteDifferences(int dim) {
        VelocityField f = field(dim, HiddenActivation.TANH, 11);
        Rng rng = Rng.seeded(5);
        double[][] theta = rows(6, dim, rng);
        double[][] c = rows(6, 2, rng);
        FlowMatchingLoss loss = new FlowMatchingLoss(1e-3);
        FlowMatchingLoss.Draws draws = FlowMatchingLoss.draw(6, dim, rng);
        double[][] g = f.newGradients();
        loss.lossAndGradient(f, theta, c, draws, 0, 6, 1.0 / 6, g);
        List<double[]> p = f.parameters();
        double eps = 1e-6;
        for (int a : new int[] {0, dim, p.size() - 2, p.size() - 1}) {
            for (int i = 0; i < p.get(a).length; i += 3) {
                double keep = p.get(a)[i];
                p.get(a)[i] = keep + eps;
                double up = loss.lossAndGradient(f, theta, c, draws, 0, 6, 1.0 / 6, null);
                p.get(a)[i] = keep - eps;
                double down = loss.lossAndGradient(f, theta, c, draws, 0, 6, 1.0 / 6, null);
                p.get(a)[i] = keep;
                assertThat(g[a][i]).as("array %d entry %d", a, i).isCloseTo((up - down) / (2 * eps), within(1e-6));
            }
        }
    }

    /** The ODE's density of a random (untrained) field, which moves and shears N(0, I) visibly, has mass 1. */
    @ParameterizedTest(name = "{0}-D")
    @ValueSource(ints = {1, 2})
    void densityIntegratesToOneOnAGrid(int dim) {
        VelocityField f = VelocityField.create(dim, 2, 3, List.of(16, 16), HiddenActivation.TANH, Rng.seeded(2));
        double[] context = {0.5, -1.0};
        int per = dim == 1 ? 2001 : 121;
        double lo = -8;
        double step = 16.0 / (per - 1);
        int n = (int) Math.pow(per, dim);
        double[][] z = new double[n][dim];
        double[][] c = new double[n][];
        for (int k = 0; k < n; k++) {
            int rest = k;
            for (int i = 0; i < dim; i++) {
                z[k][i] = lo + step * (rest % per);
                rest /= per;
            }
            c[k] = context;
        }
        double[] lq = FlowOde.logDensity(f, z, c, 20);
        double mass = 0;
        double base = 0;
        for (int k = 0; k < n; k++) {
            mass += Math.exp(lq[k]);
            double sq = 0;
            for (double v : z[k]) {
                sq += v * v;
            }
            base = Math.max(base, Math.abs(lq[k] + 0.5 * sq + dim * 0.5 * Math.log(2 * Math.PI)));
        }
        mass *= Math.pow(step, dim);
        assertThat(base).as("the field changes the density noticeably").isGreaterThan(0.2);
        assertThat(mass).isCloseTo(1.0, within(0.01));
    }

    @ParameterizedTest(name = "{0}-D")
    @ValueSource(ints = {1, 2})
    void drawsAreADeterministicFunctionOfTheirStart(int dim) {
        VelocityField f = field(dim, HiddenActivation.TANH, 4);
        Rng rng = Rng.seeded(8);
        double[][] base = rows(20, dim, rng);
        double[][] c = rows(20, 2, rng);
        double[][] start = new double[20][];
        for (int r = 0; r < 20; r++) {
            start[r] = base[r].clone();
        }
        double[][] end = FlowOde.forward(f, base, c, 40);
        double[][] again = FlowOde.forward(f, start.clone(), c, 40);
        for (int r = 0; r < 20; r++) {
            assertThat(again[r]).containsExactly(end[r], within(0.0));
        }
    }

    @ParameterizedTest(name = "{0}-D")
    @ValueSource(ints = {1, 2})
    void restoredWeightsGiveIdenticalVelocitiesAndForeignWeightsAreRefused(int dim) {
        VelocityField f = field(dim, HiddenActivation.TANH, 9);
        Rng rng = Rng.seeded(1);
        double[][] theta = rows(4, dim, rng);
        double[][] c = rows(4, 2, rng);
        VelocityField back = VelocityField.restore(dim, 2, 3, List.of(16, 16), HiddenActivation.TANH,
                f.parameterBytes());
        assertThat(back.velocity(theta, c, 0.3)).isDeepEqualTo(f.velocity(theta, c, 0.3));
        assertThatThrownBy(() -> VelocityField.restore(dim, 2, 3, List.of(16, 17), HiddenActivation.TANH,
                f.parameterBytes())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this shape has");
        assertThatThrownBy(() -> VelocityField.restore(dim, 2, 3, List.of(4096, 4096), HiddenActivation.TANH,
                f.parameterBytes())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }
}
