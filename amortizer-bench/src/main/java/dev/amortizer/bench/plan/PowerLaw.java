package dev.amortizer.bench.plan;

/**
 * A learning curve value − perfect = a·x^(−b) + floor, for x a simulation budget (the amortiser) or a per-query cost
 * in seconds (a direct method), and the value an accuracy {@link Measure} (C2ST: perfect 0.5; coverage error:
 * perfect 0); {@code floor} is the excess no amount of x removes.
 *
 * @param a       scale of the reducible excess, > 0
 * @param b       decay exponent, >= 0 (0: more x does not help)
 * @param floor   irreducible excess over perfect, >= 0
 * @param perfect the measure's perfect value
 */
public record PowerLaw(double a, double b, double floor, double perfect) {
    /** A C2ST curve (perfect 0.5). */
    public PowerLaw(double a, double b, double floor) {
        this(a, b, floor, Measure.C2ST.perfect());
    }

    /** The value the curve predicts at x. */
    public double at(double x) {
        return perfect + a * Math.pow(x, -b) + floor;
    }

    /**
     * The same curve with its exponent moved by {@code delta} about {@code pivot}: unchanged at the pivot, the change
     * growing with the distance from it (how the planner adds model error); the exponent stays >= 0.
     */
    public PowerLaw withExponentShift(double delta, double pivot) {
        double shifted = Math.max(b + delta, 0);
        return new PowerLaw(a * Math.pow(pivot, shifted - b), shifted, floor, perfect);
    }

    /**
     * The same curve moved by {@code delta} at every x, its floor kept >= 0: how the planner draws the stray of the one
     * training a prediction is about.
     */
    public PowerLaw withOffset(double delta) {
        return new PowerLaw(a, b, Math.max(floor + delta, 0), perfect);
    }

    /**
     * The x at which the curve reaches {@code target}, or +∞ where it never does (target at or below perfect + floor);
     * a flat curve (b = 0) reaches it everywhere (0) or nowhere.
     */
    public double reach(double target) {
        double reducible = target - perfect - floor;
        if (!(b > 0)) {
            return reducible >= a ? 0 : Double.POSITIVE_INFINITY;
        }
        if (!(reducible > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.pow(reducible / a, -1 / b);
    }
}
