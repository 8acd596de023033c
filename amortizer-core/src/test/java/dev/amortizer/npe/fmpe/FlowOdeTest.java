package dev.amortizer.npe.fmpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two densities of FMPE against closed forms: on a linear field v(θ) = Aθ + b, whose flow carries N(0, I) to a
 * Gaussian, and whose RK4 steps are linear maps too, so that both the continuous ODE's density and the density of
 * the sampler's draws are Gaussian and known exactly.
 */
class FlowOdeTest {
    private static final double[][] A = {{-0.9, 0.7}, {-0.4, 0.5}};
    private static final double[] B = {0.3, -0.2};
    private static final double[] CONTEXT = {0.5, -1.0};

    /**
     * v(θ) = Aθ + b exactly, as a ReLU network of widths [2D, 2D]: the first layer makes (θ, −θ), ReLU keeps their
     * positive parts, the second passes them on, and the output takes A(relu(θ) − relu(−θ)) + b = Aθ + b.
     */
    static VelocityField linear(double[][] a, double[] b) {
        int d = a.length;
        VelocityField f = VelocityField.create(d, CONTEXT.length, 3, List.of(2 * d, 2 * d), HiddenActivation.RELU,
                Rng.seeded(1));
        List<double[]> p = f.parameters();
        p.forEach(array -> java.util.Arrays.fill(array, 0));
        int in = d + CONTEXT.length + 1 + 2 * 3;
        for (int i = 0; i < d; i++) {
            p.get(i)[i] = 1; // layer 1, input θ_i: +θ_i to unit i, −θ_i to unit d + i
            p.get(i)[d + i] = -1;
        }
        int second = in + 1; // after layer 1's rows and bias
        for (int k = 0; k < 2 * d; k++) {
            p.get(second + k)[k] = 1;
        }
        int third = second + 2 * d + 1;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                p.get(third + i)[j] = a[j][i];
                p.get(third + d + i)[j] = -a[j][i];
            }
        }
        System.arraycopy(b, 0, p.get(third + 2 * d), 0, d);
        return f;
    }

    /** exp(A) by its Taylor series (A small). */
    private static double[][] exp(double[][] a) {
        double[][] sum = identity(a.length);
        double[][] term = identity(a.length);
        for (int k = 1; k < 40; k++) {
            term = scale(times(term, a), 1.0 / k);
            sum = plus(sum, term);
        }
        return sum;
    }

    /** One RK4 step of dθ/dt = Aθ + b as θ ↦ Rθ + r: R = I + hA + (hA)²/2 + (hA)³/6 + (hA)⁴/24, r = h(I + hA/2 + (hA)²/6 + (hA)³/24)b. */
    private static double[][][] rk4Step(double[][] a, double[] b, double h) {
        double[][] ha = scale(a, h);
        double[][] ha2 = times(ha, ha);
        double[][] ha3 = times(ha2, ha);
        double[][] ha4 = times(ha3, ha);
        double[][] r = plus(plus(identity(a.length), ha), plus(scale(ha2, 0.5), plus(scale(ha3, 1.0 / 6),
                scale(ha4, 1.0 / 24))));
        double[][] s = plus(plus(identity(a.length), scale(ha, 0.5)), plus(scale(ha2, 1.0 / 6), scale(ha3, 1.0 / 24)));
        double[] shift = apply(scale(s, h), b);
        return new double[][][] {r, {shift}};
    }

    /** log N(θ; m, M Mᵀ) for θ = M z + m, z ~ N(0, I), D = 2. */
    private static double gaussianLogDensity(double[] theta, double[][] m, double[] shift) {
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        double[] d = {theta[0] - shift[0], theta[1] - shift[1]};
        double z0 = (m[1][1] * d[0] - m[0][1] * d[1]) / det;
        double z1 = (-m[1][0] * d[0] + m[0][0] * d[1]) / det;
        return -0.5 * (z0 * z0 + z1 * z1) - Math.log(2 * Math.PI) - Math.log(Math.abs(det));
    }

    private static double[][] points() {
        return new double[][] {{0.1, 0.2}, {-1.3, 0.4}, {2.0, -1.5}, {0.7, 0.9}, {-0.2, -2.4}};
    }

    private static double[][] contexts(int n) {
        double[][] c = new double[n][];
        java.util.Arrays.fill(c, CONTEXT);
        return c;
    }

    @ParameterizedTest(name = "{0} steps")
    @ValueSource(ints = {1, 5, 20})
    void theDrawsDensityIsTheExactGaussianOfTheSamplersLinearMap(int steps) {
        VelocityField f = linear(A, B);
        double[][][] step = rk4Step(A, B, 1.0 / steps);
        double[][] m = identity(2);
        double[] shift = {0, 0};
        for (int s = 0; s < steps; s++) { // θ ↦ R θ + r, composed
            m = times(step[0], m);
            shift = plus(apply(step[0], shift), step[1][0]);
        }
        double[][] theta = points();
        double[] lq = FlowOde.logDensityOfDraws(f, theta, contexts(theta.length), steps);
        for (int r = 0; r < theta.length; r++) {
            assertThat(lq[r]).isCloseTo(gaussianLogDensity(theta[r], m, shift), within(1e-10));
        }
        // and the sampler's own draws land where the map says
        double[][] base = {{0.3, -0.8}};
        double[] drawn = FlowOde.forward(f, new double[][] {base[0].clone()}, contexts(1), steps)[0];
        double[] mapped = plus(apply(m, base[0]), shift);
        assertThat(drawn).containsExactly(mapped, within(1e-12));
    }

    @Test
    void theContinuousDensityConvergesToTheFlowsGaussianAndTheDrawsDensityToo() {
        VelocityField f = linear(A, B);
        double[][] e = exp(A);
        // θ(1) = e^A θ₀ + A⁻¹(e^A − I) b
        double[][] inv = inverse(A);
        double[] shift = apply(times(inv, plus(e, scale(identity(2), -1))), B);
        double[][] theta = points();
        double[] exact = new double[theta.length];
        for (int r = 0; r < theta.length; r++) {
            exact[r] = gaussianLogDensity(theta[r], e, shift);
        }
        double previousContinuous = Double.POSITIVE_INFINITY;
        double previousDraws = Double.POSITIVE_INFINITY;
        for (int steps : new int[] {2, 4, 8, 16, 32}) {
            double[] continuous = FlowOde.logDensity(f, theta, contexts(theta.length), steps);
            double[] draws = FlowOde.logDensityOfDraws(f, theta, contexts(theta.length), steps);
            double errorContinuous = 0;
            double errorDraws = 0;
            for (int r = 0; r < theta.length; r++) {
                errorContinuous = Math.max(errorContinuous, Math.abs(continuous[r] - exact[r]));
                errorDraws = Math.max(errorDraws, Math.abs(draws[r] - exact[r]));
            }
            // fourth order: each halving of the step cuts the error about sixteenfold
            assertThat(errorContinuous).isLessThan(previousContinuous / 10);
            assertThat(errorDraws).isLessThan(previousDraws / 10);
            previousContinuous = errorContinuous;
            previousDraws = errorDraws;
        }
        assertThat(previousContinuous).isLessThan(1e-7);
        assertThat(previousDraws).isLessThan(1e-7);
    }

    /** On a random tanh field, which moves and shears N(0, I): the draws' density inverts the sampler exactly. */
    @ParameterizedTest(name = "{0}-D")
    @ValueSource(ints = {1, 2, 3})
    void theDrawsDensityInvertsTheSamplerAndIntegratesToOne(int dim) {
        VelocityField f = VelocityField.create(dim, 2, 3, List.of(16, 16), HiddenActivation.TANH, Rng.seeded(2));
        Rng rng = Rng.seeded(3);
        int n = 50;
        double[][] base = new double[n][dim];
        for (double[] row : base) {
            for (int i = 0; i < dim; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        double[][] start = new double[n][];
        for (int r = 0; r < n; r++) {
            start[r] = base[r].clone();
        }
        double[][] theta = FlowOde.forward(f, base, contexts(n), 5);
        double[] lq = FlowOde.logDensityOfDraws(f, theta, contexts(n), 5);
        double[] fine = FlowOde.logDensity(f, theta, contexts(n), 400);
        for (int r = 0; r < n; r++) {
            assertThat(lq[r]).isFinite();
            // a 5-step map is not the ODE: the two densities differ, but by the discretisation's order only
            assertThat(lq[r]).isCloseTo(fine[r], within(0.05));
        }
        if (dim <= 2) {
            int per = dim == 1 ? 2001 : 121;
            double lo = -8;
            double step = 16.0 / (per - 1);
            int cells = (int) Math.pow(per, dim);
            double[][] z = new double[cells][dim];
            for (int k = 0; k < cells; k++) {
                int rest = k;
                for (int i = 0; i < dim; i++) {
                    z[k][i] = lo + step * (rest % per);
                    rest /= per;
                }
            }
            double mass = 0;
            for (double v : FlowOde.logDensityOfDraws(f, z, contexts(cells), 5)) {
                mass += Math.exp(v);
            }
            assertThat(mass * Math.pow(step, dim)).isCloseTo(1.0, within(0.01));
        }
    }

    /**
     * On a random tanh field: the continuous density converges as its steps grow, and the draws' density of an
     * n-step sampler converges to the same limit as n grows (the sampler's map tends to the ODE's flow).
     */
    @Test
    void bothDensitiesConvergeToTheOdesAsTheStepsGrow() {
        VelocityField f = VelocityField.create(2, 2, 3, List.of(16, 16), HiddenActivation.TANH, Rng.seeded(2));
        double[][] theta = points();
        double[][] c = contexts(theta.length);
        double[] limit = FlowOde.logDensity(f, theta, c, 1600);
        double[] nearLimit = FlowOde.logDensity(f, theta, c, 800);
        for (int r = 0; r < theta.length; r++) {
            assertThat(nearLimit[r]).isCloseTo(limit[r], within(1e-9));
        }
        double previousContinuous = Double.POSITIVE_INFINITY;
        double previousDraws = Double.POSITIVE_INFINITY;
        for (int steps : new int[] {5, 10, 20, 40}) {
            double[] continuous = FlowOde.logDensity(f, theta, c, steps);
            double[] draws = FlowOde.logDensityOfDraws(f, theta, c, steps);
            double errorContinuous = 0;
            double errorDraws = 0;
            for (int r = 0; r < theta.length; r++) {
                errorContinuous = Math.max(errorContinuous, Math.abs(continuous[r] - limit[r]));
                errorDraws = Math.max(errorDraws, Math.abs(draws[r] - limit[r]));
            }
            assertThat(errorContinuous).isLessThan(previousContinuous / 8);
            assertThat(errorDraws).isLessThan(previousDraws / 8);
            previousContinuous = errorContinuous;
            previousDraws = errorDraws;
        }
        assertThat(previousDraws).isLessThan(1e-5);
    }

    private static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[][] scale(double[][] a, double by) {
        double[][] m = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                m[i][j] = a[i][j] * by;
            }
        }
        return m;
    }

    private static double[][] plus(double[][] a, double[][] b) {
        double[][] m = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                m[i][j] = a[i][j] + b[i][j];
            }
        }
        return m;
    }

    private static double[] plus(double[] a, double[] b) {
        double[] v = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            v[i] = a[i] + b[i];
        }
        return v;
    }

    private static double[][] times(double[][] a, double[][] b) {
        int d = a.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < d; j++) {
                    m[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return m;
    }

    private static double[] apply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += a[i][j] * v[j];
            }
        }
        return out;
    }

    private static double[][] inverse(double[][] a) {
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return new double[][] {{a[1][1] / det, -a[0][1] / det}, {-a[1][0] / det, a[0][0] / det}};
    }
}
