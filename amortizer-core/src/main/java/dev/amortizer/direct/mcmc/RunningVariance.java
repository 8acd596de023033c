package dev.amortizer.direct.mcmc;

/** Welford's running mean and unbiased variance of each coordinate of a stream of vectors. Mutable. */
public final class RunningVariance {
    private final double[] mean;
    private final double[] squares;
    private long count;

    public RunningVariance(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim is " + dim + ", expected > 0");
        }
        mean = new double[dim];
        squares = new double[dim];
    }

    public void add(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("x has " + x.length + " coordinates, expected " + mean.length);
        }
        count++;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta / count;
            squares[i] += delta * (x[i] - mean[i]);
        }
    }

    public long count() {
        return count;
    }

    /** The unbiased variances Σ(x − x̄)²/(n − 1); needs n ≥ 2. */
    public double[] variance() {
        if (count < 2) {
            throw new IllegalStateException("a variance needs at least 2 vectors, got " + count);
        }
        double[] v = new double[mean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = squares[i] / (count - 1);
        }
        return v;
    }

    public void reset() {
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(squares, 0);
        count = 0;
    }
}
