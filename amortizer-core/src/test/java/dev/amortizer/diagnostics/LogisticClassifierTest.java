package dev.amortizer.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticClassifierTest {
    /** rows × in standard normal inputs. */
    private static double[][] inputs(int rows, int in, Rng rng) {
        double[][] x = new double[rows][in];
        for (double[] row : x) {
            for (int k = 0; k < in; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void gradientMatchesCentralFiniteDifferencesIncludingTheL2Term() {
        int in = 3;
        int hidden = 7;
        int rows = 13;
        Rng rng = Rng.seeded(21);
        LogisticClassifier net = LogisticClassifier.glorot(in, hidden, rng);
        double[][] x = inputs(rows, in, rng);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 2;
        }
        double[][] params = net.parameters().toArray(new double[0][]);
        // Large weights make the L2 term's share of the gradient (α·w/B) visible at the tolerance: a row of W₁ and
        // the output layer's weight column (one array per hidden unit).
        params[0][0] = 2.5;
        params[in + 1 + hidden + 1][0] = -3.0;

        net.lossAndGradient(x, y, rows);
        double[][] grads = net.gradients();
        // Small enough that no ReLU unit changes sign within ±step (the loss has kinks there),
        // large enough that rounding (~1e-16 / step) stays far below the tolerance.
        double step = 1e-7;
        for (int b = 0; b < params.length; b++) {
            for (int j = 0; j < params[b].length; j++) {
                double analytic = grads[b][j];
                double saved = params[b][j];
                params[b][j] = saved + step;
                double up = net.lossAndGradient(x, y, rows);
                params[b][j] = saved - step;
                double down = net.lossAndGradient(x, y, rows);
                params[b][j] = saved;
                double numeric = (up - down) / (2 * step);
                assertThat(analytic).as("block %d, entry %d", b, j)
                        .isCloseTo(numeric, within(1e-8 + 1e-6 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void lossIsTheMeanLogLossPlusScikitLearnsL2Term() {
        int in = 2;
        int hidden = 5;
        int rows = 9;
        Rng rng = Rng.seeded(23);
        LogisticClassifier net = LogisticClassifier.glorot(in, hidden, rng);
        double[][] x = inputs(rows, in, rng);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
        }
        // Mlp.parameters(): W₁'s rows, b₁, W₂'s rows, b₂, w₃ (one single-entry row per hidden unit), b₃.
        double[][] p = net.parameters().toArray(new double[0][]);
        double[] b1 = p[in];
        double[] b2 = p[in + 1 + hidden];
        double b3 = p[in + 2 * hidden + 2][0];
        double logLoss = 0;
        for (int i = 0; i < rows; i++) {
            double[] h1 = new double[hidden];
            double[] h2 = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double z = b1[j];
                for (int k = 0; k < in; k++) {
                    z += x[i][k] * p[k][j];
                }
                h1[j] = Math.max(z, 0);
            }
            for (int j = 0; j < hidden; j++) {
                double z = b2[j];
                for (int k = 0; k < hidden; k++) {
                    z += h1[k] * p[in + 1 + k][j];
                }
                h2[j] = Math.max(z, 0);
            }
            double z = b3;
            for (int k = 0; k < hidden; k++) {
                z += h2[k] * p[in + hidden + 2 + k][0];
            }
            double prob = 1 / (1 + Math.exp(-z));
            logLoss -= y[i] == 1 ? Math.log(prob) : Math.log(1 - prob);
        }
        double squares = 0;
        int weightArrays = 0;
        for (int b = 0; b < p.length; b++) {
            boolean bias = b == in || b == in + 1 + hidden || b == in + 2 * hidden + 2;
            assertThat(net.isWeight(b)).as("array %d", b).isEqualTo(!bias);
            if (!bias) {
                weightArrays++;
                for (double w : p[b]) {
                    squares += w * w;
                }
            }
        }
        double expected = logLoss / rows + 0.5 * LogisticClassifier.ALPHA * squares / rows;

        assertThat(weightArrays).isEqualTo(in + 2 * hidden);
        assertThat(net.lossAndGradient(x, y, rows)).isCloseTo(expected, within(1e-14));
    }

    @Test
    void glorotInitialisationStaysWithinEachLayersBound() {
        int in = 2;
        int hidden = 20;
        double[][] p = LogisticClassifier.glorot(in, hidden, Rng.seeded(22)).parameters().toArray(new double[0][]);
        double bound1 = Math.sqrt(6.0 / (in + hidden));
        double bound2 = Math.sqrt(6.0 / (hidden + hidden));
        double bound3 = Math.sqrt(6.0 / (hidden + 1));
        // Arrays: W₁'s rows and b₁, W₂'s rows and b₂, w₃'s rows and b₃.
        assertThat(p.length).isEqualTo(in + 2 * hidden + 3);
        for (int b = 0; b < p.length; b++) {
            double bound = b <= in ? bound1 : b <= in + 1 + hidden ? bound2 : bound3;
            for (double v : p[b]) {
                assertThat(Math.abs(v)).as("block %d", b).isLessThan(bound).isGreaterThan(0.0);
            }
        }
    }

    @Test
    void glorotDrawsInScikitLearnsOrderLayerByLayerWeightsBeforeBiases() {
        int in = 2;
        int hidden = 3;
        List<double[]> p = LogisticClassifier.glorot(in, hidden, Rng.seeded(5)).parameters();
        Rng rng = Rng.seeded(5);
        int[] widths = {in, hidden, hidden, 1};
        int array = 0;
        for (int l = 0; l < 3; l++) {
            double bound = Math.sqrt(6.0 / (widths[l] + widths[l + 1]));
            for (int i = 0; i < widths[l]; i++) {
                for (int j = 0; j < widths[l + 1]; j++) {
                    assertThat(p.get(array + i)[j]).isEqualTo(rng.nextUniform(-bound, bound));
                }
            }
            array += widths[l];
            for (int j = 0; j < widths[l + 1]; j++) {
                assertThat(p.get(array)[j]).isEqualTo(rng.nextUniform(-bound, bound));
            }
            array++;
        }
    }
}
