package dev.amortizer.summary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A fixed z-score v' = (v − m_j)/s_j per feature j (a set's row column, a series' channel), fitted once on the
 * training data and stored with the network; a constant feature gets s = 1.
 */
final class InputScaling {
    private final double[] mean;
    private final double[] sd;

    InputScaling(double[] mean, double[] sd) {
        this.mean = mean;
        this.sd = sd;
    }

    static InputScaling identity(int features) {
        double[] sd = new double[features];
        java.util.Arrays.fill(sd, 1);
        return new InputScaling(new double[features], sd);
    }

    /** From running sums of each feature's values and squares over {@code count} values. */
    static InputScaling fromSums(double[] sum, double[] sumSq, long count) {
        int f = sum.length;
        double[] mean = new double[f];
        double[] sd = new double[f];
        for (int j = 0; j < f; j++) {
            mean[j] = count > 0 ? sum[j] / count : 0;
            double var = count > 1 ? (sumSq[j] - count * mean[j] * mean[j]) / (count - 1) : 0;
            double s = Math.sqrt(Math.max(var, 0));
            sd[j] = s > 0 && Double.isFinite(s) ? s : 1;
        }
        return new InputScaling(mean, sd);
    }

    int features() {
        return mean.length;
    }

    double apply(double v, int feature) {
        return (v - mean[feature]) / sd[feature];
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(mean.length);
        for (int j = 0; j < mean.length; j++) {
            out.writeDouble(mean[j]);
            out.writeDouble(sd[j]);
        }
    }

    static InputScaling read(DataInputStream in, int features) throws IOException {
        int f = in.readInt();
        if (f != features) {
            throw new IllegalArgumentException("the summary network's input scaling has " + f + " features, expected "
                    + features);
        }
        double[] mean = new double[f];
        double[] sd = new double[f];
        for (int j = 0; j < f; j++) {
            mean[j] = in.readDouble();
            sd[j] = in.readDouble();
            if (!Double.isFinite(mean[j]) || !(sd[j] > 0) || !Double.isFinite(sd[j])) {
                throw new IllegalArgumentException("input scaling feature " + (j + 1) + ": mean " + mean[j] + ", sd "
                        + sd[j] + "; expected a finite mean and a finite sd > 0");
            }
        }
        return new InputScaling(mean, sd);
    }
}
