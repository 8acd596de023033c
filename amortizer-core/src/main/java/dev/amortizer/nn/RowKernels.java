package dev.amortizer.nn;

/**
 * The matrix kernel of the plain-Java networks (C2ST's classifier, the flows): a sum of scaled rows added into a row,
 * dst += Σ_q c_q · rows[pick_q]. Every product the network needs (forward pass, back-propagated
 * deltas, weight and bias gradients) is written as such a sum over the non-zero coefficients
 * only, so ReLU zeros cost nothing.
 *
 * <p>Why this shape: C2 (JDK 17) vectorises a loop over whole arrays indexed from 0, but not one
 * that reads a single array at several offsets, so each row is its own array. Taking four rows
 * per pass loads and stores {@code dst} once per four rows instead of once per row, which is
 * what bounds a plain axpy, and amortises the loop overhead that dominates short rows (20
 * units in 2-D).
 */
public final class RowKernels {
    private RowKernels() {
    }

    /**
     * dst[j] += Σ_q coef[q] · rows[pick[q]][j] over q below {@code count} and every j of
     * {@code dst}; each picked row is at least as long as {@code dst} and is not {@code dst}.
     */
    public static void addRows(double[] dst, double[][] rows, int[] pick, double[] coef, int count) {
        final int len = dst.length;
        int q = 0;
        for (; q + 3 < count; q += 4) {
            double c0 = coef[q];
            double c1 = coef[q + 1];
            double c2 = coef[q + 2];
            double c3 = coef[q + 3];
            double[] s0 = rows[pick[q]];
            double[] s1 = rows[pick[q + 1]];
            double[] s2 = rows[pick[q + 2]];
            double[] s3 = rows[pick[q + 3]];
            for (int j = 0; j < len; j++) {
                dst[j] += c0 * s0[j] + c1 * s1[j] + c2 * s2[j] + c3 * s3[j];
            }
        }
        for (; q < count; q++) {
            double c0 = coef[q];
            double[] s0 = rows[pick[q]];
            for (int j = 0; j < len; j++) {
                dst[j] += c0 * s0[j];
            }
        }
    }

    /**
     * out[r][0] = init + Σ_k x[from + r][k] · v[k] for the {@code rows} rows, k below v's length: a layer with a
     * single output. Four rows a pass, because four independent sums hide the latency of the adds, which one dot
     * product of a short row cannot.
     */
    public static void dots(double[][] x, int from, int rows, double[] v, double init, double[][] out) {
        final int len = v.length;
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            double[] a0 = x[from + r];
            double[] a1 = x[from + r + 1];
            double[] a2 = x[from + r + 2];
            double[] a3 = x[from + r + 3];
            double z0 = init;
            double z1 = init;
            double z2 = init;
            double z3 = init;
            for (int k = 0; k < len; k++) {
                double w = v[k];
                z0 += a0[k] * w;
                z1 += a1[k] * w;
                z2 += a2[k] * w;
                z3 += a3[k] * w;
            }
            out[r][0] = z0;
            out[r + 1][0] = z1;
            out[r + 2][0] = z2;
            out[r + 3][0] = z3;
        }
        for (; r < rows; r++) {
            double[] a = x[from + r];
            double z = init;
            for (int k = 0; k < len; k++) {
                z += a[k] * v[k];
            }
            out[r][0] = z;
        }
    }

    /**
     * Collects the non-zero entries a[t], t below {@code count}, into {@code coefs} and their
     * indices t into {@code pick} (both at least {@code count} long); returns how many.
     * Branch-free, because ReLU zeros fall at random and a branch would mispredict about half
     * the time: every entry is written and the count only advances past non-zeros.
     */
    public static int gatherRow(double[] a, int count, int[] pick, double[] coefs) {
        int nz = 0;
        for (int t = 0; t < count; t++) {
            double v = a[t];
            pick[nz] = t;
            coefs[nz] = v;
            nz += v != 0 ? 1 : 0;
        }
        return nz;
    }

    /** As {@link #gatherRow} for column {@code col} of the first {@code count} rows of {@code a}. */
    public static int gatherColumn(double[][] a, int col, int count, int[] pick, double[] coefs) {
        int nz = 0;
        for (int i = 0; i < count; i++) {
            double v = a[i][col];
            pick[nz] = i;
            coefs[nz] = v;
            nz += v != 0 ? 1 : 0;
        }
        return nz;
    }
}
