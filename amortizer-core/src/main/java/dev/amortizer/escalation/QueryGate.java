package dev.amortizer.escalation;

/**
 * An extra check of an observation before its amortised answer is trusted, such as "x_o is not typical of the
 * training simulations". A flagged observation skips the amortised answer and goes straight to importance sampling.
 *
 * <p>{@code QueryGate gate = x -> x[0] > 10;}
 */
@FunctionalInterface
public interface QueryGate {
    /** Whether the amortised posterior should not be trusted at {@code x}. */
    boolean untrustworthy(double[] x);

    /** No extra check: the importance weights alone decide. */
    static QueryGate none() {
        return x -> false;
    }
}
