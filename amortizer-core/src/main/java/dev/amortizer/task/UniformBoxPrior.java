package dev.amortizer.task;

import dev.amortizer.random.Rng;

/** θ_i ~ U(lower_i, upper_i) independently: log p(θ) = −Σ log(upper_i − lower_i) inside the box. */
public final class UniformBoxPrior implements Prior {
    private final Support box;
    private final double logDensity;

    public UniformBoxPrior(Support box) {
        double logVolume = 0;
        for (int i = 0; i < box.dim(); i++) {
            double width = box.upper(i) - box.lower(i);
            if (!Double.isFinite(width)) {
                throw new IllegalArgumentException("a uniform prior needs finite bounds; coordinate " + i + " has " + box);
            }
            logVolume += Math.log(width);
        }
        this.box = box;
        this.logDensity = -logVolume;
    }

    /** U(lo, hi)^dim. */
    public static UniformBoxPrior cube(int dim, double lo, double hi) {
        return new UniformBoxPrior(Support.box(dim, lo, hi));
    }

    @Override
    public int dim() {
        return box.dim();
    }

    @Override
    public double[] sample(Rng rng) {
        double[] theta = new double[box.dim()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextUniform(box.lower(i), box.upper(i));
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        return box.contains(theta) ? logDensity : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double logDensityAndGradient(double[] theta, double[] grad) {
        java.util.Arrays.fill(grad, 0, theta.length, 0.0);
        return logDensity(theta);
    }

    @Override
    public Support support() {
        return box;
    }
}
