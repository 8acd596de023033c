package dev.amortizer.nre;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.nn.WeightLists;
import dev.amortizer.random.Rng;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The classifier f(θ', x') of NRE: an MLP on the concatenated standardised pair with one linear output, trained by
 * a contrastive loss ({@link NreLoss}) on sets of K candidate θ per x drawn from the minibatch. For pair i the
 * joint set is (θ_i, θ_j2, …, θ_jK), the j's uniform over the other pairs of the minibatch; NRE-C adds a marginal
 * set of K other θ. With w_k = (γ/K) e^{f_k} / (1 + (γ/K) Σ e^{f}):
 *
 * <pre>
 * NRE-B: L_i = −f_1 + log Σ_k e^{f_k}
 * NRE-C: L_i = γ/(1+γ) · [−log(γ/K) − f_1 + log(1 + (γ/K) Σ_k e^{f_k})] + 1/(1+γ) · log(1 + (γ/K) Σ_k e^{f'_k})
 * </pre>
 *
 * Immutable after training; {@link #logit} is thread-safe.
 *
 * @see <a href="https://arxiv.org/abs/2002.03712">Durkan, Murray &amp; Papamakarios 2020, On contrastive learning
 *     for likelihood-free inference</a>
 * @see <a href="https://arxiv.org/abs/2210.06170">Miller, Weniger &amp; Forré 2022, Contrastive neural ratio
 *     estimation</a>
 */
final class RatioClassifier {
    /** Parts of a minibatch whose gradients are computed in parallel and summed in order. */
    private static final int PARTS = 2;

    private final Mlp mlp;
    private final int thetaDim;

    private RatioClassifier(Mlp mlp, int thetaDim) {
        this.mlp = mlp;
        this.thetaDim = thetaDim;
    }

    static RatioClassifier create(int thetaDim, int xDim, List<Integer> hidden, HiddenActivation activation, Rng rng) {
        return new RatioClassifier(Mlp.create(thetaDim + xDim, hidden, 1, activation, null, false, rng), thetaDim);
    }

    static RatioClassifier restore(int thetaDim, int xDim, List<Integer> hidden, HiddenActivation activation,
                                   List<double[]> params) {
        RatioClassifier c = create(thetaDim, xDim, hidden, activation, Rng.seeded(0));
        WeightLists.load(params, c.parameters());
        return c;
    }

    List<double[]> parameters() {
        return mlp.parameters();
    }

    /** f(θ', x') for standardised θ' and x'. */
    double logit(double[] theta, double[] x) {
        return mlp.forwardRow(concat(theta, x))[0];
    }

    private double[] concat(double[] theta, double[] x) {
        double[] in = new double[thetaDim + x.length];
        System.arraycopy(theta, 0, in, 0, thetaDim);
        System.arraycopy(x, 0, in, thetaDim, x.length);
        return in;
    }

    /**
     * The mean loss over pairs rows[from … to) of (z, c) (standardised θ and x), contrasting each with θ of other
     * pairs in the same range drawn with {@code rng}; when {@code grads} is not null, adds the mean loss's gradient.
     */
    double loss(NreConfig config, double[][] z, double[][] c, int[] rows, int from, int to, double[][] grads,
                Rng rng) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        int k = config.atoms();
        int sets = config.loss() == NreLoss.C ? 2 : 1;
        int[][] candidates = new int[n][sets * k];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < sets * k; s++) {
                int j;
                if (s == 0) {
                    j = i;
                } else {
                    j = rng.nextInt(n - 1);
                    j = j >= i ? j + 1 : j;
                }
                candidates[i][s] = rows[from + j];
            }
        }
        double[] partLoss = new double[PARTS];
        double[][][] partGrads = new double[PARTS][][];
        IntStream.range(0, PARTS).parallel().forEach(p -> {
            int lo = n * p / PARTS;
            int hi = n * (p + 1) / PARTS;
            double[][] g = grads == null ? null : parameters().stream().map(a -> new double[a.length])
                    .toArray(double[][]::new);
            partLoss[p] = hi > lo ? partLoss(config, z, c, rows, from, candidates, lo, hi, n, g) : 0;
            partGrads[p] = g;
        });
        if (grads != null) {
            for (double[][] g : partGrads) {
                for (int a = 0; a < grads.length; a++) {
                    for (int i = 0; i < grads[a].length; i++) {
                        grads[a][i] += g[a][i];
                    }
                }
            }
        }
        double total = 0;
        for (double l : partLoss) {
            total += l;
        }
        return total / n;
    }

    /** The summed loss of pairs lo … hi (offsets into the range), its gradient / n added into g when not null. */
    private double partLoss(NreConfig config, double[][] z, double[][] c, int[] rows, int from, int[][] candidates,
                            int lo, int hi, int n, double[][] g) {
        int width = candidates[0].length;
        int k = config.atoms();
        double[][] input = new double[(hi - lo) * width][];
        for (int i = lo; i < hi; i++) {
            double[] x = c[rows[from + i]];
            for (int s = 0; s < width; s++) {
                input[(i - lo) * width + s] = concat(z[candidates[i][s]], x);
            }
        }
        Mlp.Tape tape = g == null ? null : mlp.newTape();
        double[][] f = mlp.forward(input, 0, input.length, tape);
        double[][] gy = g == null ? null : new double[input.length][1];
        double total = 0;
        double logWeight = Math.log(config.gamma() / k);
        double pJoint = config.gamma() / (1 + config.gamma());
        for (int i = lo; i < hi; i++) {
            int base = (i - lo) * width;
            if (config.loss() == NreLoss.B) {
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < k; s++) {
                    max = Math.max(max, f[base + s][0]);
                }
                double sum = 0;
                for (int s = 0; s < k; s++) {
                    sum += Math.exp(f[base + s][0] - max);
                }
                total += -f[base][0] + max + Math.log(sum);
                if (gy != null) {
                    for (int s = 0; s < k; s++) {
                        gy[base + s][0] = (Math.exp(f[base + s][0] - max) / sum - (s == 0 ? 1 : 0)) / n;
                    }
                }
            } else {
                double joint = logOnePlus(f, base, k, logWeight, gy, pJoint / n);
                double marginal = logOnePlus(f, base + k, k, logWeight, gy, (1 - pJoint) / n);
                total += pJoint * (-logWeight - f[base][0] + joint) + (1 - pJoint) * marginal;
                if (gy != null) {
                    gy[base][0] -= pJoint / n;
                }
            }
        }
        if (g != null) {
            mlp.backward(tape, gy, g, 0, false);
        }
        return total;
    }

    /**
     * log(1 + Σ_s e^{f_s + logWeight}) over k rows from {@code base}; when gy is not null, adds scale·w_s, its
     * derivative in f_s, into gy.
     */
    private static double logOnePlus(double[][] f, int base, int k, double logWeight, double[][] gy, double scale) {
        double max = 0;
        for (int s = 0; s < k; s++) {
            max = Math.max(max, f[base + s][0] + logWeight);
        }
        double sum = Math.exp(-max);
        for (int s = 0; s < k; s++) {
            sum += Math.exp(f[base + s][0] + logWeight - max);
        }
        if (gy != null) {
            for (int s = 0; s < k; s++) {
                gy[base + s][0] += scale * Math.exp(f[base + s][0] + logWeight - max) / sum;
            }
        }
        return max + Math.log(sum);
    }
}
