package dev.amortizer.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import java.util.List;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same properties for every flow type and dimension: invertible, exact log-det, normalised, exact gradients. */
class ConditionalFlowTest {
    static List<Arguments> flows() {
        return List.of(Arguments.of(FlowType.MAF, 1, false), Arguments.of(FlowType.MAF, 3, false),
                Arguments.of(FlowType.NSF, 1, false), Arguments.of(FlowType.NSF, 3, false),
                Arguments.of(FlowType.COUPLING, 1, false), Arguments.of(FlowType.COUPLING, 3, false),
                Arguments.of(FlowType.NSF, 1, true), Arguments.of(FlowType.NSF, 3, true),
                Arguments.of(FlowType.MAF, 3, true));
    }

    /** A small flow with every parameter (output layers included) random, so no layer is the identity. */
    static ConditionalFlow randomFlow(FlowType type, int dim, long seed) {
        return randomFlow(type, dim, seed, 2, false);
    }

    static ConditionalFlow randomFlow(FlowType type, int dim, long seed, double scale, boolean shift) {
        FlowConfig config = new FlowConfig(type, 3, List.of(8, 8), HiddenActivation.TANH, 5, 3.0, shift, 1);
        ConditionalFlow flow = ConditionalFlow.create(config, dim, 2, Rng.seeded(seed), false);
        for (double[] p : flow.parameters()) {
            for (int i = 0; i < p.length; i++) {
                p[i] *= scale;
            }
        }
        if (shift) {
            Rng rng = Rng.seeded(seed + 1000);
            for (double[] p : flow.parameters().subList(0, 3)) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = 0.4 * rng.nextGaussian();
                }
            }
        }
        return flow;
    }

    static double[][] rows(int n, int dim, double scale, Rng rng) {
        double[][] z = new double[n][dim];
        for (double[] row : z) {
            for (int i = 0; i < dim; i++) {
                row[i] = scale * rng.nextGaussian();
            }
        }
        return z;
    }

    @ParameterizedTest(name = "{0} in {1}-D, linear shift {2}")
    @MethodSource("flows")
    void inverseUndoesForward(FlowType type, int dim, boolean shift) {
        ConditionalFlow flow = randomFlow(type, dim, 3, 2, shift);
        Rng rng = Rng.seeded(4);
        double[][] z = rows(200, dim, 1.5, rng);
        double[][] c = rows(200, 2, 1, rng);
        double[][] back = flow.inverse(flow.forward(z, c), c);
        for (int r = 0; r < z.length; r++) {
            assertThat(back[r]).containsExactly(z[r], within(1e-8));
        }
    }

    @ParameterizedTest(name = "{0} in {1}-D, linear shift {2}")
    @MethodSource("flows")
    void logDensityIsTheBaseDensityPlusTheLogDetOfANumericalJacobian(FlowType type, int dim, boolean shift) {
        ConditionalFlow flow = randomFlow(type, dim, 5, 2, shift);
        Rng rng = Rng.seeded(6);
        for (int t = 0; t < 20; t++) {
            double[][] z = rows(1, dim, 1.2, rng);
            double[][] c = rows(1, 2, 1, rng);
            double[][] jac = new double[dim][dim];
            double h = 1e-6;
            for (int j = 0; j < dim; j++) {
                double[][] up = {z[0].clone()};
                double[][] down = {z[0].clone()};
                up[0][j] += h;
                down[0][j] -= h;
                double[] fu = flow.forward(up, c)[0];
                double[] fd = flow.forward(down, c)[0];
                for (int i = 0; i < dim; i++) {
                    jac[i][j] = (fu[i] - fd[i]) / (2 * h);
                }
            }
            double logDet = Math.log(Math.abs(new LUDecomposition(MatrixUtils.createRealMatrix(jac)).getDeterminant()));
            double[] eps = flow.forward(z, c)[0];
            double base = 0;
            for (double e : eps) {
                base += -0.5 * e * e - 0.5 * Math.log(2 * Math.PI);
            }
            assertThat(flow.logProb(z, c)[0]).isCloseTo(base + logDet, within(1e-6));
        }
    }

    @ParameterizedTest(name = "{0} in {1}-D, linear shift {2}")
    @MethodSource("flows")
    void densityIntegratesToOneOnAGrid(FlowType type, int dim, boolean shift) {
        ConditionalFlow flow = randomFlow(type, Math.min(dim, 2), 7, 1, shift);
        double[] c = {0.3, -0.8};
        int d = Math.min(dim, 2);
        int n = d == 1 ? 20_000 : 500;
        double lo = -12;
        double step = 24.0 / n;
        double mass = 0;
        if (d == 1) {
            double[][] z = new double[n][1];
            for (int i = 0; i < n; i++) {
                z[i][0] = lo + (i + 0.5) * step;
            }
            for (double lp : flow.logProb(z, repeat(c, n))) {
                mass += Math.exp(lp) * step;
            }
        } else {
            double[][] z = new double[n * n][2];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    z[i * n + j][0] = lo + (i + 0.5) * step;
                    z[i * n + j][1] = lo + (j + 0.5) * step;
                }
            }
            for (double lp : flow.logProb(z, repeat(c, n * n))) {
                mass += Math.exp(lp) * step * step;
            }
        }
        assertThat(mass).isCloseTo(1.0, within(0.01));
    }

    @ParameterizedTest(name = "{0} in {1}-D, linear shift {2}")
    @MethodSource("flows")
    void gradientMatchesFiniteDifferences(FlowType type, int dim, boolean shift) {
        ConditionalFlow flow = randomFlow(type, dim, 9, 2, shift);
        Rng rng = Rng.seeded(10);
        double[][] z = rows(16, dim, 1.5, rng);
        double[][] c = rows(16, 2, 1, rng);
        double[][] grads = flow.newGradients();
        double weight = 1.0 / 16;
        flow.lossAndGradient(z, c, 0, 16, weight, grads);
        List<double[]> params = flow.parameters();
        int checked = 0;
        for (int a = 0; a < params.size(); a++) {
            double[] p = params.get(a);
            for (int i = 0; i < p.length; i += 3) {
                if (p[i] == 0) {
                    continue; // a weight MADE's mask removes: it never moves, and its gradient is 0
                }
                double old = p[i];
                double h = 1e-6;
                p[i] = old + h;
                double up = flow.lossAndGradient(z, c, 0, 16, weight, flow.newGradients());
                p[i] = old - h;
                double down = flow.lossAndGradient(z, c, 0, 16, weight, flow.newGradients());
                p[i] = old;
                double numeric = (up - down) / (2 * h) * weight;
                assertThat(grads[a][i]).as("array %d entry %d", a, i)
                        .isCloseTo(numeric, within(1e-6 + 1e-4 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @ParameterizedTest(name = "{0} in {1}-D, linear shift {2}")
    @MethodSource("flows")
    void contextGradientMatchesFiniteDifferences(FlowType type, int dim, boolean shift) {
        ConditionalFlow flow = randomFlow(type, dim, 21, 2, shift);
        Rng rng = Rng.seeded(22);
        double[][] z = rows(12, dim, 1.5, rng);
        double[][] c = rows(12, 2, 1, rng);
        double weight = 1.0 / 12;
        double[][] grads = flow.newGradients();
        double[][] plain = flow.newGradients();
        double[][] gc = new double[8][2];
        double loss = flow.lossAndGradient(z, c, 2, 10, weight, grads, gc);
        assertThat(loss).isEqualTo(flow.lossAndGradient(z, c, 2, 10, weight, plain));
        assertThat(grads).isDeepEqualTo(plain);
        for (int r = 2; r < 10; r++) {
            for (int j = 0; j < 2; j++) {
                double old = c[r][j];
                double h = 1e-6;
                c[r][j] = old + h;
                double up = flow.lossAndGradient(z, c, 2, 10, weight, flow.newGradients());
                c[r][j] = old - h;
                double down = flow.lossAndGradient(z, c, 2, 10, weight, flow.newGradients());
                c[r][j] = old;
                double numeric = (up - down) / (2 * h) * weight;
                assertThat(gc[r - 2][j]).as("row %d context %d", r, j)
                        .isCloseTo(numeric, within(1e-7 + 1e-4 * Math.abs(numeric)));
            }
        }
    }

    @ParameterizedTest(name = "{0} in {1}-D, linear shift {2}")
    @MethodSource("flows")
    void restoredParametersGiveIdenticalOutputs(FlowType type, int dim, boolean shift) {
        ConditionalFlow flow = randomFlow(type, dim, 11, 2, shift);
        ConditionalFlow copy = ConditionalFlow.restore(flow.config(), dim, 2, flow.parameterBytes());
        Rng rng = Rng.seeded(12);
        double[][] z = rows(50, dim, 1, rng);
        double[][] c = rows(50, 2, 1, rng);
        assertThat(copy.logProb(z, c)).containsExactly(flow.logProb(z, c));
        assertThat(copy.sample(c, Rng.seeded(13))).isDeepEqualTo(flow.sample(c, Rng.seeded(13)));
    }

    @ParameterizedTest(name = "{0} in {1}-D, linear shift {2}")
    @MethodSource("flows")
    void startsAsTheIdentity(FlowType type, int dim, boolean shift) {
        ConditionalFlow flow = ConditionalFlow.create(FlowConfig.defaults(type).withLinearShift(shift), dim, 2,
                Rng.seeded(1));
        Rng rng = Rng.seeded(2);
        double[][] z = rows(20, dim, 2, rng);
        double[][] c = rows(20, 2, 1, rng);
        double[][] eps = flow.forward(z, c);
        for (int r = 0; r < z.length; r++) {
            assertThat(eps[r]).containsExactly(z[r], within(1e-9));
        }
    }

    @org.junit.jupiter.api.Test
    void theLinearShiftFittedByLeastSquaresLeavesAStandardResidual() {
        Rng rng = Rng.seeded(30);
        int n = 20_000;
        double[][] c = rows(n, 2, 1, rng);
        double[][] z = new double[n][2];
        for (int r = 0; r < n; r++) {
            z[r][0] = 1.5 * c[r][0] - 0.5 * c[r][1] + 2 + 0.1 * rng.nextGaussian();
            z[r][1] = -c[r][1] - 1 + 3 * rng.nextGaussian();
        }
        ConditionalFlow flow = ConditionalFlow.create(FlowConfig.defaults(FlowType.NSF).withLinearShift(true), 2, 2,
                Rng.seeded(31));
        flow.fitLinearShift(z, c);
        List<double[]> shift = flow.parameters().subList(0, 3);
        // standard errors: 0.0007 for the first row's coefficients, 0.021 for the second's (noise sd 3)
        assertThat(shift.get(0)).containsExactly(new double[] {1.5, -0.5, 0, -1}, within(0.08));
        assertThat(shift.get(1)).containsExactly(new double[] {2, -1}, within(0.08));
        assertThat(shift.get(2)).containsExactly(new double[] {Math.log(0.1), Math.log(3)}, within(0.02));
        double[][] eps = flow.forward(z, c);
        double[] mean = new double[2];
        double[] sq = new double[2];
        for (double[] e : eps) {
            for (int i = 0; i < 2; i++) {
                mean[i] += e[i] / n;
                sq[i] += e[i] * e[i] / n;
            }
        }
        assertThat(mean).containsExactly(new double[] {0, 0}, within(1e-4));
        assertThat(sq).containsExactly(new double[] {1, 1}, within(1e-3));
    }

    /** Streamed from disk, the rows come as copies a chunk at a time: the same sums in the same order. */
    @org.junit.jupiter.api.Test
    void theLinearShiftFittedOnRowsVisitedTwiceIsTheFitOnTheTables() {
        Rng rng = Rng.seeded(32);
        double[][] c = rows(1_000, 3, 1, rng);
        double[][] z = rows(1_000, 2, 2, rng);
        FlowConfig config = FlowConfig.defaults(FlowType.COUPLING).withLinearShift(true);
        ConditionalFlow tables = ConditionalFlow.create(config, 2, 3, Rng.seeded(33));
        tables.fitLinearShift(z, c);
        ConditionalFlow visited = ConditionalFlow.create(config, 2, 3, Rng.seeded(33));
        int[] visits = {0};
        visited.fitLinearShift(each -> {
            visits[0]++;
            for (int r = 0; r < z.length; r++) {
                each.accept(z[r].clone(), c[r].clone());
            }
        });
        assertThat(visits[0]).isEqualTo(2);
        for (int a = 0; a < 3; a++) {
            assertThat(visited.parameters().get(a)).containsExactly(tables.parameters().get(a));
        }
        ConditionalFlow unshifted = ConditionalFlow.create(FlowConfig.defaults(FlowType.COUPLING), 2, 3,
                Rng.seeded(33));
        unshifted.fitLinearShift(each -> visits[0]++);
        assertThat(visits[0]).as("a flow without a shift does not read the rows").isEqualTo(2);
        assertThatThrownBy(() -> visited.fitLinearShift(each -> each.accept(new double[3], new double[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values and 3 context values");
    }

    @org.junit.jupiter.api.Test
    void rejectsRowsOfTheWrongWidthAndForeignWeights() {
        ConditionalFlow flow = randomFlow(FlowType.NSF, 2, 1);
        assertThatThrownBy(() -> flow.logProb(new double[][] {{1, 2, 3}}, new double[][] {{0, 0}}))
                .hasMessageContaining("row 0 has 3 z");
        ConditionalFlow maf = randomFlow(FlowType.MAF, 2, 1);
        assertThatThrownBy(() -> ConditionalFlow.restore(flow.config(), 2, 2, maf.parameterBytes()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConditionalFlow.restore(flow.config(), 2, 2, new byte[] {0, 0, 0, 1, 0}))
                .hasMessageContaining("truncated");
    }

    private static double[][] repeat(double[] row, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = row;
        }
        return out;
    }
}
