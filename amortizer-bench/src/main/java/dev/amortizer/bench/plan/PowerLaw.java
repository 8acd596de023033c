package dev.amortizer.bench.plan;

/**
 * A learning curve C2ST − 0.5 = a·x^(−b) + floor, for x a simulation budget (the amortiser) or a per-query cost in
 * seconds (a direct method). 0.5 is a perfect answer; {@code floor} is the excess no amount of x removes.
 *
 * @param a     scale of the reducible excess, > 0
 * @param b     decay exponent, >= 0 (0: more x does not help)
 * @param floor irreducible excess over 0.5, >= 0
 */
public record PowerLaw(double a, double b, double floor) {
    /** The C2ST the curve predicts at x. */
    public double c2st(double x) {
        return 0.5 + a * Math.pow(x, -b) + floor;
    }

    /**
     * The same curve with its exponent moved by {@code delta} about {@code pivot}: unchanged at the pivot, the change
     * growing with the distance from it (how the planner adds model error); the exponent stays >= 0.
     */
    public PowerLaw withExponentShift(double delta, double pivot) {
        double shifted = Math.max(b + delta, 0);
        return new PowerLaw(a * Math.pow(pivot, shifted - b), shifted, floor);
    }

    /** The x at which the curve reaches {@code target}, or +∞ where it never does (target at or below 0.5 + floor). */
    public double reach(double target) {
        double reducible = target - 0.5 - floor;
        if (!(reducible > 0) || !(b > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.pow(reducible / a, -1 / b);
    }
}
