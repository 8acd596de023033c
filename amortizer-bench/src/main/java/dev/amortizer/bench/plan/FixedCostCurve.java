package dev.amortizer.bench.plan;

/**
 * The amortiser's fixed cost F against its simulation budget n: the line F = overhead + perSimulation·n through the pilot's
 * budgets, and beyond the largest of them ({@code pivot}) the per-simulation part grows by (n / pivot)^growth, for
 * the epochs to early stopping that grow with n. The pilot cannot measure that growth itself: one training per budget
 * stops after a number of epochs that scatters more between its budgets than it grows (two_moons' MDN, one seed: 84
 * epochs at 250 simulations, 235 at 500, 285 at 2,000, 303 at 10⁴). {@link #EPOCH_GROWTH} comes from separate
 * trainings instead (results/plan-validation.md).
 *
 * @param line   F against n within the pilot's budgets
 * @param pivot  the pilot's largest budget, where the growth starts
 * @param growth exponent of the extra work per simulation beyond the pivot
 */
public record FixedCostCurve(FixedCostLine line, double pivot, double growth) {
    /**
     * How the forward passes of training per simulation grow from 2,000 to 10⁴ simulations, as an exponent: the
     * default NPE's counted passes (every candidate, every epoch) with seeds 1 and 2 on two_moons, sir,
     * gaussian_linear and slcp: exponents from −0.09 to +0.30, mean 0.116 (results/plan-validation.md).
     */
    static final double EPOCH_GROWTH = 0.12;

    /** F at n simulations. */
    public double at(double n) {
        if (n <= pivot) {
            return line.at(n);
        }
        return line.overhead() + line.perSimulation() * n * Math.pow(n / pivot, growth);
    }

    /** The curve through the pilot's points (n_i simulations, F_i seconds, all positive), with the mean growth. */
    public static FixedCostCurve fit(double[] n, double[] f) {
        return new FixedCostCurve(FixedCostLine.fit(n, f), max(n), EPOCH_GROWTH);
    }

    private static double max(double[] n) {
        double m = 0;
        for (double x : n) {
            m = Math.max(m, x);
        }
        return m;
    }
}
