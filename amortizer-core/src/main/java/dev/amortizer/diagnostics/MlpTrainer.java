package dev.amortizer.diagnostics;

import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.random.Rng;

/**
 * scikit-learn's {@code _fit_stochastic} for {@code solver="adam"} without early stopping:
 * epochs of minibatch Adam over a fresh shuffle of the rows, batch size min(200, n), the last
 * batch holding the remainder; the epoch loss is Σ_b B_b·L_b / n over the batch losses L_b
 * computed (before each update) during the epoch, L2 term included.
 *
 * <p>Stopping follows {@code _update_no_improvement_count}: an epoch whose loss exceeds
 * best − tol (tol = 1e-4) increments a counter, any other epoch resets it, and the best loss is
 * the smallest epoch loss so far; training stops as soon as the counter exceeds 10
 * ({@code n_iter_no_change}), or after {@code maxEpochs} epochs.
 *
 * <p>The update is the one {@link AdamOptimizer} with scikit-learn's defaults (learning rate 1e-3, β₁ 0.9, β₂ 0.999,
 * ε 1e-8 added to the uncorrected √v, the bias correction folded into the step) and no clipping. Not
 * {@code training.EpochLoop}: it stops on the training loss with that counter and keeps the last weights, not the best
 * on held-out rows, so that C2ST reproduces scikit-learn's classifier.
 */
final class MlpTrainer {
    static final int MAX_BATCH = 200;
    static final double TOL = 1e-4;
    static final int N_ITER_NO_CHANGE = 10;
    /** scikit-learn's {@code learning_rate_init}. */
    static final double LEARNING_RATE = 1e-3;

    private MlpTrainer() {
    }

    /** The batch size scikit-learn's {@code batch_size="auto"} uses for {@code n} training rows. */
    static int batchSize(int n) {
        return Math.min(MAX_BATCH, n);
    }

    /**
     * Trains {@code net} in place on {@code n} rows of {@code x} (row-major, {@code n × net.inputs()})
     * with labels {@code y}; {@code rng} drives the epoch shuffles.
     *
     * @return the number of epochs run
     */
    static int fit(LogisticClassifier net, double[] x, double[] y, int n, int maxEpochs, Rng rng) {
        if (n < 1 || maxEpochs < 1) {
            throw new IllegalArgumentException("n and maxEpochs must be >= 1, got n=" + n + ", maxEpochs=" + maxEpochs);
        }
        int d = net.inputs();
        int batch = batchSize(n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[][] xb = new double[batch][d];
        double[] yb = new double[batch];
        AdamOptimizer adam = new AdamOptimizer(net.parameters(), LEARNING_RATE, Double.POSITIVE_INFINITY);
        double best = Double.POSITIVE_INFINITY;
        int noImprovement = 0;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            rng.shuffle(order);
            double accumulated = 0;
            for (int start = 0; start < n; start += batch) {
                int rows = Math.min(batch, n - start);
                for (int i = 0; i < rows; i++) {
                    int src = order[start + i];
                    System.arraycopy(x, src * d, xb[i], 0, d);
                    yb[i] = y[src];
                }
                accumulated += net.lossAndGradient(xb, yb, rows) * rows;
                adam.step(net.parameters(), net.gradients());
            }
            double loss = accumulated / n;
            if (loss > best - TOL) {
                noImprovement++;
            } else {
                noImprovement = 0;
            }
            if (loss < best) {
                best = loss;
            }
            if (noImprovement > N_ITER_NO_CHANGE) {
                return epoch;
            }
        }
        return maxEpochs;
    }
}
