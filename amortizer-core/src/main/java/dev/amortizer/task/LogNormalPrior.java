package dev.amortizer.task;

import dev.amortizer.random.Rng;

/**
 * θ_i ~ LogNormal(μ_i, σ_i) independently, i.e. log θ_i ~ N(μ_i, σ_i²):
 * log p(θ) = Σ_i [−log θ_i − log(σ_i √(2π)) − (log θ_i − μ_i)² / (2σ_i²)] for θ &gt; 0, −∞ otherwise.
 */
public final class LogNormalPrior implements Prior {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double[] mu;
    private final double[] sigma;
    private final double logNormaliser;

    /** {@code mu} and {@code sigma} are the mean and SD of log θ, per coordinate. */
    public LogNormalPrior(double[] mu, double[] sigma) {
        if (mu.length != sigma.length) {
            throw new IllegalArgumentException("mu has " + mu.length + " entries, sigma " + sigma.length);
        }
        double c = 0;
        for (int i = 0; i < mu.length; i++) {
            if (!Double.isFinite(mu[i]) || !(sigma[i] > 0) || !Double.isFinite(sigma[i])) {
                throw new IllegalArgumentException("coordinate " + i + ": need finite mu and sigma > 0, got mu " + mu[i]
                        + ", sigma " + sigma[i]);
            }
            c -= LOG_SQRT_2PI + Math.log(sigma[i]);
        }
        this.mu = mu.clone();
        this.sigma = sigma.clone();
        this.logNormaliser = c;
    }

    @Override
    public int dim() {
        return mu.length;
    }

    @Override
    public double[] sample(Rng rng) {
        double[] theta = new double[mu.length];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Math.exp(rng.nextGaussian(mu[i], sigma[i]));
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        double s = logNormaliser;
        for (int i = 0; i < mu.length; i++) {
            if (!(theta[i] > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            double l = Math.log(theta[i]);
            double z = (l - mu[i]) / sigma[i];
            s -= l + 0.5 * z * z;
        }
        return s;
    }

    @Override
    public double logDensityAndGradient(double[] theta, double[] grad) {
        for (int i = 0; i < mu.length; i++) {
            grad[i] = theta[i] > 0
                    ? -(1 + (Math.log(theta[i]) - mu[i]) / (sigma[i] * sigma[i])) / theta[i]
                    : 0;
        }
        return logDensity(theta);
    }

    @Override
    public Support support() {
        return Support.positive(mu.length);
    }
}
