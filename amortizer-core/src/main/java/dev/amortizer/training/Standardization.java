package dev.amortizer.training;

import dev.amortizer.task.Task;
import java.util.Arrays;

/**
 * The z-scores the network sees: θ' = (θ − m_θ)/s_θ and x' = (x − m_x)/s_x, with means and
 * standard deviations (divisor n − 1) of the training pairs; a constant column gets s = 1.
 * The density of θ follows as q(θ | x) = q'(θ' | x') / Π s_θ.
 */
public final class Standardization {
    private final double[] thetaMean;
    private final double[] thetaSd;
    private final double[] xMean;
    private final double[] xSd;

    private Standardization(double[] thetaMean, double[] thetaSd, double[] xMean, double[] xSd) {
        this.thetaMean = thetaMean;
        this.thetaSd = thetaSd;
        this.xMean = xMean;
        this.xSd = xSd;
    }

    /** Validates and copies: finite means, finite SDs &gt; 0, matching lengths. */
    public static Standardization of(double[] thetaMean, double[] thetaSd, double[] xMean, double[] xSd) {
        check("theta", thetaMean, thetaSd);
        check("x", xMean, xSd);
        return new Standardization(thetaMean.clone(), thetaSd.clone(), xMean.clone(), xSd.clone());
    }

    /** Column means and SDs of the rows {@code theta[i]}, {@code x[i]} for i in {@code rows}. */
    public static Standardization fit(double[][] theta, double[][] x, int[] rows) {
        double[][] t = moments(theta, rows);
        double[][] d = moments(x, rows);
        return new Standardization(t[0], t[1], d[0], d[1]);
    }

    /** The same θ scores with x left as it is (mean 0, sd 1), for a summary network that scales x itself. */
    public Standardization withIdentityX() {
        double[] sd = new double[xMean.length];
        Arrays.fill(sd, 1.0);
        return new Standardization(thetaMean, thetaSd, new double[xMean.length], sd);
    }

    private static double[][] moments(double[][] values, int[] rows) {
        int dim = values[rows[0]].length;
        double[] mean = new double[dim];
        double[] sd = new double[dim];
        for (int r : rows) {
            for (int j = 0; j < dim; j++) {
                mean[j] += values[r][j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= rows.length;
        }
        for (int r : rows) {
            for (int j = 0; j < dim; j++) {
                double dev = values[r][j] - mean[j];
                sd[j] += dev * dev;
            }
        }
        for (int j = 0; j < dim; j++) {
            double s = rows.length > 1 ? Math.sqrt(sd[j] / (rows.length - 1)) : 0;
            // A constant column carries no information; leave it unscaled rather than divide by 0.
            sd[j] = s > 0 && Double.isFinite(s) ? s : 1.0;
        }
        return new double[][] {mean, sd};
    }

    private static void check(String what, double[] mean, double[] sd) {
        if (mean == null || sd == null) {
            throw new IllegalArgumentException(what + ": the means or standard deviations are missing (null)");
        }
        if (mean.length != sd.length || mean.length == 0) {
            throw new IllegalArgumentException(what + ": " + mean.length + " means and " + sd.length
                    + " standard deviations, expected the same positive number");
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !(sd[i] > 0) || !Double.isFinite(sd[i])) {
                throw new IllegalArgumentException(what + " column " + (i + 1) + ": mean " + mean[i] + ", sd " + sd[i]
                        + "; expected a finite mean and a finite sd > 0");
            }
        }
    }

    public double[] thetaMean() {
        return thetaMean.clone();
    }

    public double[] thetaSd() {
        return thetaSd.clone();
    }

    public double[] xMean() {
        return xMean.clone();
    }

    public double[] xSd() {
        return xSd.clone();
    }

    /**
     * Checks that these scores have one θ column per parameter of {@code task} and one x column per data value, as
     * a posterior rebuilt from a model file must; otherwise an IllegalArgumentException giving both shapes.
     */
    public void requireColumnsOf(Task task) {
        if (thetaMean.length != task.parameterDim() || xMean.length != task.dataDim()) {
            throw new IllegalArgumentException("standardisation has " + thetaMean.length + " θ and " + xMean.length
                    + " x columns; task " + task.name() + " has " + task.parameterDim() + " and " + task.dataDim());
        }
    }

    /** Σ log s_θ, the log-Jacobian from standardised to original θ. */
    public double logThetaScale() {
        double s = 0;
        for (double v : thetaSd) {
            s += Math.log(v);
        }
        return s;
    }

    public double[] standardizeTheta(double[] theta) {
        return z(theta, thetaMean, thetaSd);
    }

    public double[] standardizeX(double[] x) {
        return z(x, xMean, xSd);
    }

    /** θ = m_θ + s_θ·θ', in place. */
    public void unstandardizeTheta(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = thetaMean[i] + thetaSd[i] * values[i];
        }
    }

    private static double[] z(double[] v, double[] mean, double[] sd) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean[i]) / sd[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(thetaMean, s.thetaMean)
                && Arrays.equals(thetaSd, s.thetaSd) && Arrays.equals(xMean, s.xMean) && Arrays.equals(xSd, s.xSd);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(thetaMean) ^ Arrays.hashCode(thetaSd) * 31 ^ Arrays.hashCode(xMean) * 17
                ^ Arrays.hashCode(xSd);
    }

    @Override
    public String toString() {
        return "Standardization[thetaMean=" + Arrays.toString(thetaMean) + ", thetaSd=" + Arrays.toString(thetaSd)
                + ", xMean=" + Arrays.toString(xMean) + ", xSd=" + Arrays.toString(xSd) + "]";
    }
}
