package dev.amortizer.direct.mcmc;

import java.util.Arrays;

/**
 * Where a chain is: its position θ and the target's log density log π(θ) there, carried so a
 * kernel never evaluates the same point twice.
 *
 * @param position   θ, copied in and out
 * @param logDensity log π(θ), finite: a chain never sits where the target is zero
 */
public record ChainState(double[] position, double logDensity) {
    public ChainState {
        if (position.length == 0) {
            throw new IllegalArgumentException("position must have at least one coordinate, got none");
        }
        for (int i = 0; i < position.length; i++) {
            if (!Double.isFinite(position[i])) {
                throw new IllegalArgumentException("position[" + i + "] is " + position[i] + ", expected a finite number");
            }
        }
        if (!Double.isFinite(logDensity)) {
            throw new IllegalArgumentException("logDensity at " + Arrays.toString(position) + " is " + logDensity
                    + ", expected a finite number (a chain cannot sit where the target is zero or infinite)");
        }
        position = position.clone();
    }

    @Override
    public double[] position() {
        return position.clone();
    }

    /** D, the dimension of θ. */
    public int dim() {
        return position.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainState s && Arrays.equals(position, s.position)
                && Double.compare(logDensity, s.logDensity) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(position) + Double.hashCode(logDensity);
    }

    @Override
    public String toString() {
        return "ChainState[position=" + Arrays.toString(position) + ", logDensity=" + logDensity + "]";
    }
}
