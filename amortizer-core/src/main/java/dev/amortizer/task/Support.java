package dev.amortizer.task;

import java.util.Arrays;

/**
 * An axis-aligned box {@code lower[i] <= θ_i <= upper[i]}; bounds may be infinite.
 *
 * @param lower per-coordinate lower bounds
 * @param upper per-coordinate upper bounds, each greater than its lower bound
 */
public record Support(double[] lower, double[] upper) {
    public Support {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("lower has " + lower.length + " bounds, upper " + upper.length);
        }
        for (int i = 0; i < lower.length; i++) {
            if (!(lower[i] < upper[i])) {
                throw new IllegalArgumentException("bound " + i + ": lower " + lower[i] + " must be < upper " + upper[i]);
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** R^D. */
    public static Support unbounded(int dim) {
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Support(lo, hi);
    }

    /** (0, ∞)^D. */
    public static Support positive(int dim) {
        double[] hi = new double[dim];
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Support(new double[dim], hi);
    }

    /** [lo, hi]^D. */
    public static Support box(int dim, double lo, double hi) {
        double[] l = new double[dim];
        double[] h = new double[dim];
        Arrays.fill(l, lo);
        Arrays.fill(h, hi);
        return new Support(l, h);
    }

    public int dim() {
        return lower.length;
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    /** Whether θ lies in the box. */
    public boolean contains(double[] theta) {
        for (int i = 0; i < lower.length; i++) {
            if (!(theta[i] >= lower[i] && theta[i] <= upper[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Support s && Arrays.equals(lower, s.lower) && Arrays.equals(upper, s.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "Support[lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
    }
}
