package dev.amortizer.bijection;

/**
 * A smooth increasing map of one unconstrained coordinate u ∈ R onto the interior of an interval θ ∈ (lower, upper).
 *
 * <ul>
 *   <li>{@code IDENTITY}: θ = u, on R;</li>
 *   <li>{@code LOWER}: θ = lower + e^u, on (lower, ∞);</li>
 *   <li>{@code UPPER}: θ = upper − e^{−u}, on (−∞, upper);</li>
 *   <li>{@code INTERVAL}: θ = lower + (upper − lower)·σ(u), the scaled logistic, on (lower, upper).</li>
 * </ul>
 *
 * @param kind which of the four maps
 * @param lower the finite lower bound, or −∞
 * @param upper the finite upper bound, or +∞
 */
public record CoordinateMap(Kind kind, double lower, double upper) {
    /** The shape of the map, fixed by which bounds are finite. */
    public enum Kind { IDENTITY, LOWER, UPPER, INTERVAL }

    public CoordinateMap {
        boolean lo = Double.isFinite(lower);
        boolean hi = Double.isFinite(upper);
        Kind expected = lo && hi ? Kind.INTERVAL : lo ? Kind.LOWER : hi ? Kind.UPPER : Kind.IDENTITY;
        if (kind != expected) {
            throw new IllegalArgumentException("a " + kind + " map cannot have bounds (" + lower + ", " + upper
                    + "); those bounds need " + expected);
        }
        if (lo && hi && !(lower < upper)) {
            throw new IllegalArgumentException("interval map needs lower < upper, got (" + lower + ", " + upper + ")");
        }
    }

    /** The map for the interval (lower, upper), either bound possibly infinite. */
    public static CoordinateMap onto(double lower, double upper) {
        boolean lo = Double.isFinite(lower);
        boolean hi = Double.isFinite(upper);
        Kind kind = lo && hi ? Kind.INTERVAL : lo ? Kind.LOWER : hi ? Kind.UPPER : Kind.IDENTITY;
        return new CoordinateMap(kind, lo ? lower : Double.NEGATIVE_INFINITY, hi ? upper : Double.POSITIVE_INFINITY);
    }

    /** θ from u. */
    public double forward(double u) {
        return switch (kind) {
            case IDENTITY -> u;
            case LOWER -> lower + Math.exp(u);
            case UPPER -> upper - Math.exp(-u);
            case INTERVAL -> lower + (upper - lower) * sigmoid(u);
        };
    }

    /**
     * u from θ. A θ on or beyond a finite bound (possible only through rounding) is pulled just inside it, so u is
     * always finite.
     */
    public double inverse(double theta) {
        return switch (kind) {
            case IDENTITY -> theta;
            case LOWER -> Math.log(Math.max(theta - lower, Double.MIN_NORMAL));
            case UPPER -> -Math.log(Math.max(upper - theta, Double.MIN_NORMAL));
            case INTERVAL -> {
                double w = upper - lower;
                double p = Math.min(Math.max((theta - lower) / w, 1e-15), 1 - 1e-15);
                yield Math.log(p) - Math.log1p(-p);
            }
        };
    }

    /** log dθ/du at u. */
    public double logDerivative(double u) {
        return switch (kind) {
            case IDENTITY -> 0;
            case LOWER -> u;
            case UPPER -> -u;
            case INTERVAL -> Math.log(upper - lower) - softplus(u) - softplus(-u);
        };
    }

    /** d/du of {@link #logDerivative(double)}. */
    public double logDerivativeSlope(double u) {
        return switch (kind) {
            case IDENTITY -> 0;
            case LOWER -> 1;
            case UPPER -> -1;
            case INTERVAL -> 1 - 2 * sigmoid(u);
        };
    }

    /** dθ/du at u. */
    public double derivative(double u) {
        return kind == Kind.IDENTITY ? 1 : Math.exp(logDerivative(u));
    }

    static double sigmoid(double u) {
        return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
    }

    static double softplus(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }
}
