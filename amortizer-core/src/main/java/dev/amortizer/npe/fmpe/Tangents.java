package dev.amortizer.npe.fmpe;

import java.util.List;

/** The small dense products of {@link VelocityField}'s forward-mode pass, on weights laid out as W's rows. */
final class Tangents {
    private Tangents() {
    }

    /** x·W + b for every row, W given as its {@code in} rows of length {@code out}. */
    static double[][] affine(double[][] x, List<double[]> w, double[] b, int out) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            double[] yr = b.clone();
            double[] xr = x[r];
            for (int k = 0; k < w.size(); k++) {
                double v = xr[k];
                if (v != 0) {
                    double[] wk = w.get(k);
                    for (int j = 0; j < out; j++) {
                        yr[j] += v * wk[j];
                    }
                }
            }
            y[r] = yr;
        }
        return y;
    }

    /** x·W for every row: a tangent carries no bias. */
    static double[][] times(double[][] x, List<double[]> w, int out) {
        return affine(x, w, new double[out], out);
    }

    /** {@code n} copies of {@code row}. */
    static double[][] repeat(double[] row, int n) {
        double[][] y = new double[n][];
        for (int r = 0; r < n; r++) {
            y[r] = row.clone();
        }
        return y;
    }

    /** Component {@code j} of x·W alone. */
    static double column(double[] x, List<double[]> w, int j) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * w.get(k)[j];
        }
        return s;
    }
}
