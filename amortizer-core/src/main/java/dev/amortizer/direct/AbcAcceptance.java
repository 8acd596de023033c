package dev.amortizer.direct;

/**
 * Which simulations rejection ABC keeps: the k closest to x_o, with k fixed or a fraction of the
 * simulations that succeeded. Either way the tolerance ε is the k-th smallest distance.
 */
public sealed interface AbcAcceptance {
    /** k for {@code valid} successful simulations (valid ≥ 1): between 1 and {@code valid}. */
    int keptCount(int valid);

    /** Keep the {@code count} closest (all of them while fewer have been simulated), as sbibm's {@code num_top_samples}. */
    static AbcAcceptance closest(int count) {
        return new Closest(count);
    }

    /** Keep the closest fraction {@code quantile} ∈ (0, 1] (at least one), as sbibm's {@code quantile}. */
    static AbcAcceptance quantile(double quantile) {
        return new Quantile(quantile);
    }

    /** @param count how many to keep, > 0 */
    record Closest(int count) implements AbcAcceptance {
        public Closest {
            if (count <= 0) {
                throw new IllegalArgumentException("count is " + count + ", expected > 0");
            }
        }

        @Override
        public int keptCount(int valid) {
            return Math.min(count, valid);
        }
    }

    /** @param quantile the fraction to keep, in (0, 1] */
    record Quantile(double quantile) implements AbcAcceptance {
        public Quantile {
            if (!(quantile > 0 && quantile <= 1)) {
                throw new IllegalArgumentException("quantile is " + quantile + ", expected (0, 1]");
            }
        }

        @Override
        public int keptCount(int valid) {
            return (int) Math.max(1, Math.min(valid, Math.ceil(quantile * valid)));
        }
    }
}
