package dev.amortizer.task;

import dev.amortizer.random.Rng;

/** θ_i ~ N(mean_i, sd_i²) independently. */
public final class DiagonalNormalPrior implements Prior {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double[] mean;
    private final double[] sd;
    private final double logNormaliser;

    public DiagonalNormalPrior(double[] mean, double[] sd) {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " entries, sd " + sd.length);
        }
        double c = 0;
        for (int i = 0; i < sd.length; i++) {
            if (!(sd[i] > 0) || !Double.isFinite(sd[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("coordinate " + i + ": need finite mean and sd > 0, got mean "
                        + mean[i] + ", sd " + sd[i]);
            }
            c -= LOG_SQRT_2PI + Math.log(sd[i]);
        }
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.logNormaliser = c;
    }

    /** N(0, variance·I) in {@code dim} dimensions. */
    public static DiagonalNormalPrior isotropic(int dim, double variance) {
        double[] sd = new double[dim];
        java.util.Arrays.fill(sd, Math.sqrt(variance));
        return new DiagonalNormalPrior(new double[dim], sd);
    }

    @Override
    public int dim() {
        return mean.length;
    }

    @Override
    public double[] sample(Rng rng) {
        double[] theta = new double[mean.length];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextGaussian(mean[i], sd[i]);
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        double s = logNormaliser;
        for (int i = 0; i < mean.length; i++) {
            double z = (theta[i] - mean[i]) / sd[i];
            s -= 0.5 * z * z;
        }
        return s;
    }

    @Override
    public double logDensityAndGradient(double[] theta, double[] grad) {
        for (int i = 0; i < mean.length; i++) {
            grad[i] = -(theta[i] - mean[i]) / (sd[i] * sd[i]);
        }
        return logDensity(theta);
    }

    @Override
    public Support support() {
        return Support.unbounded(mean.length);
    }
}
