package dev.amortizer.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class LogisticMlpTest {
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
        LogisticMlp net = LogisticMlp.glorot(in, hidden, rows, rng);
        double[][] x = inputs(rows, in, rng);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 2;
        }
        double[][] params = net.parameterBlocks();
        // Large weights make the L2 term's share of the gradient (α·w/B) visible at the tolerance.
        params[0][0] = 2.5;
        params[in + hidden][0] = -3.0;

        net.lossAndGradient(x, y, rows);
        double[][] grads = net.gradientBlocks();
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
        LogisticMlp net = LogisticMlp.glorot(in, hidden, rows, rng);
        double[][] x = inputs(rows, in, rng);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
        }
        double[][] p = net.parameterBlocks();
        double[] w3 = p[in + hidden];
        double[] b1 = p[in + hidden + 1];
        double[] b2 = p[in + hidden + 2];
        double b3 = p[in + hidden + 3][0];
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
                    z += h1[k] * p[in + k][j];
                }
                h2[j] = Math.max(z, 0);
            }
            double z = b3;
            for (int k = 0; k < hidden; k++) {
                z += h2[k] * w3[k];
            }
            double prob = 1 / (1 + Math.exp(-z));
            logLoss -= y[i] == 1 ? Math.log(prob) : Math.log(1 - prob);
        }
        double squares = 0;
        for (int b = 0; b < net.weightBlockCount(); b++) {
            for (double w : p[b]) {
                squares += w * w;
            }
        }
        double expected = logLoss / rows + 0.5 * LogisticMlp.ALPHA * squares / rows;

        assertThat(net.weightBlockCount()).isEqualTo(in + hidden + 1);
        assertThat(net.lossAndGradient(x, y, rows)).isCloseTo(expected, within(1e-14));
    }

    @Test
    void glorotInitialisationStaysWithinEachLayersBound() {
        int in = 2;
        int hidden = 20;
        double[][] p = LogisticMlp.glorot(in, hidden, 10, Rng.seeded(22)).parameterBlocks();
        double bound1 = Math.sqrt(6.0 / (in + hidden));
        double bound2 = Math.sqrt(6.0 / (hidden + hidden));
        double bound3 = Math.sqrt(6.0 / (hidden + 1));
        // Blocks: W₁ rows, W₂ rows, w₃, b₁, b₂, b₃.
        assertThat(p.length).isEqualTo(in + hidden + 4);
        for (int b = 0; b < p.length; b++) {
            double bound = b < in || b == in + hidden + 1 ? bound1
                    : b < in + hidden || b == in + hidden + 2 ? bound2 : bound3;
            for (double v : p[b]) {
                assertThat(Math.abs(v)).as("block %d", b).isLessThan(bound).isGreaterThan(0.0);
            }
        }
    }
}
