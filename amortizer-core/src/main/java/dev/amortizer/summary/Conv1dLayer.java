package dev.amortizer.summary;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A 1-D convolution without padding ("valid"): y_o[t] = b_o + Σ_i Σ_u w_o[i·K + u] · x_i[t + u] for
 * t = 0 … L − K, one example at a time, signals stored channel-major ({@code x[channel][time]}). Weights start uniform
 * on ±1/√(C_in·K), as PyTorch's default.
 */
final class Conv1dLayer {
    private final int in;
    private final int out;
    private final int kernel;
    private final double[][] w;
    private final double[] b;

    Conv1dLayer(int in, int out, int kernel, Rng rng) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.w = new double[out][in * kernel];
        this.b = new double[out];
        double bound = 1 / Math.sqrt(in * kernel);
        for (double[] row : w) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rng.nextUniform(-bound, bound);
            }
        }
        for (int o = 0; o < out; o++) {
            b[o] = rng.nextUniform(-bound, bound);
        }
    }

    int outputChannels() {
        return out;
    }

    /** The output length for an input of {@code length} steps. */
    int outputLength(int length) {
        return length - kernel + 1;
    }

    /** W's rows (one per output channel), then b. */
    List<double[]> parameters() {
        List<double[]> p = new ArrayList<>(List.of(w));
        p.add(b);
        return p;
    }

    int parameterArrays() {
        return out + 1;
    }

    double[][] forward(double[][] x) {
        int len = outputLength(x[0].length);
        double[][] y = new double[out][len];
        for (int o = 0; o < out; o++) {
            double[] yo = y[o];
            java.util.Arrays.fill(yo, b[o]);
            double[] wo = w[o];
            for (int i = 0; i < in; i++) {
                double[] xi = x[i];
                for (int u = 0; u < kernel; u++) {
                    double wv = wo[i * kernel + u];
                    for (int t = 0; t < len; t++) {
                        yo[t] += wv * xi[t + u];
                    }
                }
            }
        }
        return y;
    }

    /**
     * Given ∂L/∂y for input x, adds ∂L/∂W and ∂L/∂b into {@code grads[offset …]} (ordered as {@link #parameters()})
     * and returns ∂L/∂x, or null when {@code needInput} is false.
     */
    double[][] backward(double[][] x, double[][] gy, double[][] grads, int offset, boolean needInput) {
        int len = gy[0].length;
        double[][] gx = needInput ? new double[in][x[0].length] : null;
        double[] gb = grads[offset + out];
        for (int o = 0; o < out; o++) {
            double[] go = gy[o];
            double[] gw = grads[offset + o];
            double[] wo = w[o];
            for (int t = 0; t < len; t++) {
                gb[o] += go[t];
            }
            for (int i = 0; i < in; i++) {
                double[] xi = x[i];
                for (int u = 0; u < kernel; u++) {
                    double s = 0;
                    for (int t = 0; t < len; t++) {
                        s += go[t] * xi[t + u];
                    }
                    gw[i * kernel + u] += s;
                    if (gx != null) {
                        double wv = wo[i * kernel + u];
                        double[] gxi = gx[i];
                        for (int t = 0; t < len; t++) {
                            gxi[t + u] += wv * go[t];
                        }
                    }
                }
            }
        }
        return gx;
    }
}
