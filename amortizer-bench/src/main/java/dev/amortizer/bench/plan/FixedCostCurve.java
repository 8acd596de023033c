package dev.amortizer.bench.plan;

/**
 * The amortiser's fixed cost F against its simulation budget n, through the work its training does: W(n), the
 * forward passes training ran (every candidate, every epoch), a power law in n fitted to the pilot's points, and
 * F = overhead + perUnit·W. Epochs to early stopping grow with n, so F grows faster than n, and by how much differs
 * between tasks (the bench's F rose ×5 from 10³ to 10⁴ simulations on gaussian_linear, ×15–19 on slcp): a line in n
 * through the pilot's budgets cannot know which. The passes show that growth at the pilot's budgets without the
 * load's noise, and the seconds per pass barely move with n. Where passes were not counted, W = n and this is the
 * line F = overhead + perUnit·n.
 *
 * @param cost   F against W
 * @param passes W against n (intercept 0, slope 1 when not counted: W = n)
 */
public record FixedCostCurve(FixedCostLine cost, LogLine passes) {
    /** W = n: for pilots whose amortiser did not count its training passes. */
    static final LogLine UNCOUNTED = new LogLine(0, 1);

    /** F at n simulations. */
    public double at(double n) {
        return cost.at(passes.at(n));
    }

    /**
     * The curve through the pilot's points: n_i simulations, W_i passes (all positive, or all 0 when not counted) and
     * F_i seconds (positive).
     */
    public static FixedCostCurve fit(double[] n, double[] w, double[] f) {
        boolean counted = counted(w);
        return new FixedCostCurve(FixedCostLine.fit(counted ? w : n, f), counted ? LogLine.fit(n, w) : UNCOUNTED);
    }

    /** Whether every point counted its passes (a pilot mixing counted and uncounted points is read as uncounted). */
    static boolean counted(double[] w) {
        for (double x : w) {
            if (!(x > 0)) {
                return false;
            }
        }
        return w.length > 0;
    }
}
