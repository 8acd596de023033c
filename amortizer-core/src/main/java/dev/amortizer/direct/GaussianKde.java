package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.CholeskyFactor;
import dev.amortizer.random.Rng;

/**
 * A Gaussian kernel density estimate p̂(θ) = (1/n) Σᵢ N(θ; θᵢ, h² Σ̂) with Σ̂ the sample
 * covariance of the points and Scott's factor h = n^(−1/(D+4)), as scipy's {@code gaussian_kde}.
 * A draw picks a point uniformly and adds N(0, h² Σ̂) noise.
 *
 * @see "Scott (1992), Multivariate Density Estimation, Wiley"
 */
final class GaussianKde {
    private final double[][] points;
    private final double factor;
    private final CholeskyFactor kernel;

    private GaussianKde(double[][] points, double factor, CholeskyFactor kernel) {
        this.points = points;
        this.factor = factor;
        this.kernel = kernel;
    }

    /** The estimate on {@code points} (n ≥ 1 rows of dimension {@code dim}) with Scott's bandwidth. */
    static GaussianKde scott(double[][] points, int dim) {
        if (points.length == 0) {
            throw new IllegalArgumentException("a kernel density estimate needs at least one point, got none");
        }
        double factor = Math.pow(points.length, -1.0 / (dim + 4));
        double[][] bandwidth = Covariances.sample(points, dim);
        Covariances.scale(bandwidth, factor * factor);
        return new GaussianKde(points, factor, CholeskyFactor.of(bandwidth));
    }

    /** Scott's factor h; the kernel covariance is h² Σ̂. */
    double factor() {
        return factor;
    }

    /** One draw θ ~ p̂: a uniform point index, then D normals. */
    double[] sample(Rng rng) {
        return kernel.perturb(points[rng.nextInt(points.length)], rng);
    }
}
