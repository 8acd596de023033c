package dev.amortizer.flow;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A masked autoregressive layer: z'_i = f(z_i; p_i(z_{&lt;i}, c)) with the parameters of every coordinate from one
 * pass of a MADE network, whose weight masks let output i see only z_1 … z_{i−1} and the context. The density
 * direction takes one pass; sampling takes D passes, one per coordinate.
 *
 * <p>Degrees: input z_i has degree i (1-based), the context degree 0, hidden unit k degree k mod D; a connection
 * runs from degree a to a hidden unit of degree b when b ≥ a, and from a hidden unit of degree b to output i when
 * i &gt; b.
 *
 * @see <a href="https://arxiv.org/abs/1705.07057">Papamakarios, Pavlakou &amp; Murray 2017, Masked Autoregressive
 *     Flow for Density Estimation</a>
 * @see <a href="https://arxiv.org/abs/1502.03509">Germain et al. 2015, MADE</a>
 */
final class AutoregressiveLayer implements FlowLayer {
    private final int dim;
    private final ElementwiseTransform transform;
    private final Mlp made;

    AutoregressiveLayer(int dim, ElementwiseTransform transform, Mlp made) {
        this.dim = dim;
        this.transform = transform;
        this.made = made;
    }

    /** A MADE network for {@code dim} coordinates and {@code contextDim} context values. */
    static Mlp made(int dim, int contextDim, List<Integer> hidden, int paramsPerDim, HiddenActivation activation,
                    boolean zeroOutput, Rng rng) {
        int[] inDegree = new int[dim + contextDim];
        for (int i = 0; i < dim; i++) {
            inDegree[i] = i + 1;
        }
        List<double[][]> masks = new ArrayList<>();
        int[] prev = inDegree;
        for (int width : hidden) {
            int[] deg = new int[width];
            for (int k = 0; k < width; k++) {
                deg[k] = k % dim;
            }
            double[][] m = new double[prev.length][width];
            for (int a = 0; a < prev.length; a++) {
                for (int k = 0; k < width; k++) {
                    m[a][k] = deg[k] >= prev[a] ? 1 : 0;
                }
            }
            masks.add(m);
            prev = deg;
        }
        double[][] out = new double[prev.length][dim * paramsPerDim];
        for (int a = 0; a < prev.length; a++) {
            for (int i = 0; i < dim; i++) {
                for (int q = 0; q < paramsPerDim; q++) {
                    out[a][i * paramsPerDim + q] = i + 1 > prev[a] ? 1 : 0;
                }
            }
        }
        masks.add(out);
        return Mlp.create(dim + contextDim, hidden, dim * paramsPerDim, activation, masks, zeroOutput, rng);
    }

    private static double[][] input(double[][] z, double[][] context) {
        int d = z[0].length;
        int c = context[0].length;
        double[][] in = new double[z.length][d + c];
        for (int r = 0; r < z.length; r++) {
            System.arraycopy(z[r], 0, in[r], 0, d);
            System.arraycopy(context[r], 0, in[r], d, c);
        }
        return in;
    }

    @Override
    public double[][] forward(double[][] z, double[][] context, double[] logDet, LayerTape tape) {
        double[][] in = input(z, context);
        Mlp.Tape netTape = tape == null ? null : made.newTape();
        double[][] params = made.forward(in, 0, in.length, netTape);
        int pc = transform.parameterCount();
        double[] out = new double[2];
        double[][] y = new double[z.length][dim];
        for (int r = 0; r < z.length; r++) {
            for (int i = 0; i < dim; i++) {
                transform.forward(z[r][i], params[r], i * pc, out);
                y[r][i] = out[0];
                logDet[r] += out[1];
            }
        }
        if (tape != null) {
            tape.input = z;
            tape.params = params;
            tape.network = netTape;
        }
        return y;
    }

    @Override
    public double[][] backward(LayerTape tape, double[][] g, double logDetWeight, double[][] grads, int offset) {
        int pc = transform.parameterCount();
        double[][] z = tape.input;
        double[][] gParams = new double[z.length][dim * pc];
        double[][] gz = new double[z.length][dim];
        for (int r = 0; r < z.length; r++) {
            for (int i = 0; i < dim; i++) {
                gz[r][i] = transform.backward(z[r][i], tape.params[r], i * pc, g[r][i], logDetWeight, gParams[r]);
            }
        }
        double[][] gIn = made.backward(tape.network, gParams, grads, offset, true);
        for (int r = 0; r < z.length; r++) {
            for (int i = 0; i < dim; i++) {
                gz[r][i] += gIn[r][i];
            }
        }
        if (tape.contextGradient != null) {
            for (int r = 0; r < z.length; r++) {
                double[] gc = tape.contextGradient[r];
                for (int j = 0; j < gc.length; j++) {
                    gc[j] += gIn[r][dim + j];
                }
            }
        }
        return gz;
    }

    @Override
    public double[][] inverse(double[][] zPrime, double[][] context) {
        int pc = transform.parameterCount();
        double[][] z = new double[zPrime.length][dim];
        for (int i = 0; i < dim; i++) {
            double[][] params = made.forward(input(z, context), 0, z.length, null);
            for (int r = 0; r < z.length; r++) {
                z[r][i] = transform.inverse(zPrime[r][i], params[r], i * pc);
            }
        }
        return z;
    }

    @Override
    public List<double[]> parameters() {
        return made.parameters();
    }
}
