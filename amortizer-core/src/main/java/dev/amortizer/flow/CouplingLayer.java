package dev.amortizer.flow;

import dev.amortizer.nn.Mlp;
import java.util.List;

/**
 * A coupling layer: the coordinates in A pass unchanged, those in B go through an elementwise transform whose
 * parameters a network computes from (z_A, c). Its Jacobian is triangular, so log |det| = Σ_{i∈B} log f'(z_i), and
 * both directions take one network pass.
 *
 * @see <a href="https://arxiv.org/abs/1605.08803">Dinh, Sohl-Dickstein &amp; Bengio 2017, Density estimation using
 *     Real NVP</a>
 */
final class CouplingLayer implements FlowLayer {
    private final int[] kept;
    private final int[] changed;
    private final ElementwiseTransform transform;
    private final Mlp conditioner;

    CouplingLayer(int[] kept, int[] changed, ElementwiseTransform transform, Mlp conditioner) {
        this.kept = kept.clone();
        this.changed = changed.clone();
        this.transform = transform;
        this.conditioner = conditioner;
    }

    private double[][] conditionerInput(double[][] z, double[][] context) {
        int c = context[0].length;
        double[][] in = new double[z.length][kept.length + c];
        for (int r = 0; r < z.length; r++) {
            for (int a = 0; a < kept.length; a++) {
                in[r][a] = z[r][kept[a]];
            }
            System.arraycopy(context[r], 0, in[r], kept.length, c);
        }
        return in;
    }

    @Override
    public double[][] forward(double[][] z, double[][] context, double[] logDet, LayerTape tape) {
        double[][] in = conditionerInput(z, context);
        Mlp.Tape netTape = tape == null ? null : conditioner.newTape();
        double[][] params = conditioner.forward(in, 0, in.length, netTape);
        int pc = transform.parameterCount();
        double[] out = new double[2];
        double[][] y = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            double[] yr = z[r].clone();
            for (int m = 0; m < changed.length; m++) {
                transform.forward(z[r][changed[m]], params[r], m * pc, out);
                yr[changed[m]] = out[0];
                logDet[r] += out[1];
            }
            y[r] = yr;
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
        double[][] gParams = new double[z.length][changed.length * pc];
        double[][] gz = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            double[] gr = g[r].clone();
            for (int m = 0; m < changed.length; m++) {
                int i = changed[m];
                gr[i] = transform.backward(z[r][i], tape.params[r], m * pc, g[r][i], logDetWeight, gParams[r]);
            }
            gz[r] = gr;
        }
        double[][] gIn = conditioner.backward(tape.network, gParams, grads, offset,
                kept.length > 0 || tape.contextGradient != null);
        for (int r = 0; r < z.length && kept.length > 0; r++) {
            for (int a = 0; a < kept.length; a++) {
                gz[r][kept[a]] += gIn[r][a];
            }
        }
        if (tape.contextGradient != null) {
            for (int r = 0; r < z.length; r++) {
                double[] gc = tape.contextGradient[r];
                for (int j = 0; j < gc.length; j++) {
                    gc[j] += gIn[r][kept.length + j];
                }
            }
        }
        return gz;
    }

    @Override
    public double[][] inverse(double[][] zPrime, double[][] context) {
        double[][] params = conditioner.forward(conditionerInput(zPrime, context), 0, zPrime.length, null);
        int pc = transform.parameterCount();
        double[][] z = new double[zPrime.length][];
        for (int r = 0; r < zPrime.length; r++) {
            double[] zr = zPrime[r].clone();
            for (int m = 0; m < changed.length; m++) {
                zr[changed[m]] = transform.inverse(zPrime[r][changed[m]], params[r], m * pc);
            }
            z[r] = zr;
        }
        return z;
    }

    @Override
    public List<double[]> parameters() {
        return conditioner.parameters();
    }
}
