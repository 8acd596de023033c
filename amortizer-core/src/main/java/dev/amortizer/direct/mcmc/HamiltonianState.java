package dev.amortizer.direct.mcmc;

import java.util.Arrays;

/**
 * Where a gradient-based chain is: its position x, log π(x) and ∇ log π(x), carried so a kernel never evaluates
 * the same point twice.
 *
 * @param position   x, copied in and out
 * @param logDensity log π(x), finite
 * @param gradient   ∇ log π(x), finite, copied in and out
 */
public record HamiltonianState(double[] position, double logDensity, double[] gradient) {
    public HamiltonianState {
        if (position.length == 0 || gradient.length != position.length) {
            throw new IllegalArgumentException("position and gradient must have the same number (> 0) of coordinates, got "
                    + position.length + " and " + gradient.length);
        }
        for (int i = 0; i < position.length; i++) {
            if (!Double.isFinite(position[i]) || !Double.isFinite(gradient[i])) {
                throw new IllegalArgumentException("position[" + i + "] = " + position[i] + ", gradient[" + i + "] = "
                        + gradient[i] + ", expected finite numbers");
            }
        }
        if (!Double.isFinite(logDensity)) {
            throw new IllegalArgumentException("logDensity at " + Arrays.toString(position) + " is " + logDensity
                    + ", expected a finite number (a chain cannot sit where the target is zero or infinite)");
        }
        position = position.clone();
        gradient = gradient.clone();
    }

    @Override
    public double[] position() {
        return position.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    /** D, the dimension of x. */
    public int dim() {
        return position.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HamiltonianState s && Arrays.equals(position, s.position)
                && Double.compare(logDensity, s.logDensity) == 0 && Arrays.equals(gradient, s.gradient);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(position) + Double.hashCode(logDensity);
    }

    @Override
    public String toString() {
        return "HamiltonianState[position=" + Arrays.toString(position) + ", logDensity=" + logDensity + "]";
    }
}
