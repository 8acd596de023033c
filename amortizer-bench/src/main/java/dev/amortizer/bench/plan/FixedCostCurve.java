package dev.amortizer.bench.plan;

import java.util.List;

/**
 * The amortiser's fixed cost F against its simulation budget n: the line F = overhead + perSimulation·n through the
 * pilot's largest budget ({@code pivot}, {@link FixedCostLine#pinned}), and beyond it a per-simulation part whose
 * training share ({@code trainingShare} of F at the pivot) costs (n / pivot)^growth · r(n) times as much per
 * simulation, while the simulation share stays linear. The growth is for the epochs to early stopping that grow with n. The pilot cannot
 * measure it: one training per budget stops after a number of epochs that scatters more between its budgets than it
 * grows (two_moons' MDN, one seed: 84 epochs at 250 simulations, 235 at 500, 285 at 2,000, 303 at 10⁴).
 * {@link #EPOCH_GROWTH} comes from separate trainings instead (results/plan-validation.md). r(n) is the cost of a
 * training pass at n's minibatch relative to the pivot's ({@code passRatios}, timed by {@link PassCostProbe}): the
 * default MDN trains on 32-row minibatches at the pilot's budgets and on 64 rows at 10⁴, where a pass cost 3.3 µs
 * against 5.4.
 *
 * @param line          F against n within the pilot's budgets
 * @param pivot         the pilot's largest budget, where the growth starts
 * @param growth        exponent of the extra training work per simulation beyond the pivot
 * @param trainingShare the training's share of F at the pivot, in [0, 1] (1 where unknown: all of F grows)
 * @param passRatios    r(n) by budget, ascending; 1 below the first and where empty
 */
public record FixedCostCurve(FixedCostLine line, double pivot, double growth, double trainingShare,
                             List<PassRatio> passRatios) {
    /**
     * How the forward passes of training per simulation grow from 2,000 to 10⁴ simulations, as an exponent: the
     * default NPE's counted passes (every candidate, every epoch) with seeds 1 and 2 on two_moons, sir,
     * gaussian_linear and slcp gave a mean of 0.116 with the earlier MDN and 0.07 (sd 0.16) with the current one; the
     * validation's F at 10⁴ is unbiased with 0.12 and would be about 5% low with 0.07 (results/plan-validation.md).
     */
    static final double EPOCH_GROWTH = 0.12;

    /**
     * The cost of a training pass from {@code fromSimulations} on, as a multiple of its cost at the pivot.
     *
     * @param fromSimulations the smallest budget it applies to
     * @param ratio           seconds per pass there over seconds per pass at the pivot, > 0
     */
    public record PassRatio(int fromSimulations, double ratio) {
    }

    public FixedCostCurve {
        // plans of schema 4 had neither: all of F grew, at the pivot's cost per pass
        trainingShare = Double.isFinite(trainingShare) ? Math.min(Math.max(trainingShare, 0), 1) : 1;
        passRatios = passRatios == null ? List.of() : List.copyOf(passRatios);
    }

    /** All of F grows beyond the pivot, at the pivot's cost per pass. */
    public FixedCostCurve(FixedCostLine line, double pivot, double growth) {
        this(line, pivot, growth, 1, List.of());
    }

    /** F at n simulations. */
    public double at(double n) {
        if (n <= pivot) {
            return line.at(n);
        }
        double training = trainingShare * Math.pow(n / pivot, growth) * passRatio(n);
        return line.overhead() + line.perSimulation() * n * (1 - trainingShare + training);
    }

    /** r(n): the ratio of the last step at or below n, 1 before the first. */
    double passRatio(double n) {
        double r = 1;
        for (PassRatio p : passRatios) {
            if (p.fromSimulations() <= n) {
                r = p.ratio();
            }
        }
        return r;
    }

    /** The same curve with another growth exponent (a bootstrap replicate's). */
    FixedCostCurve withGrowth(double other) {
        return new FixedCostCurve(line, pivot, other, trainingShare, passRatios);
    }

    /** The same curve with another line (a bootstrap replicate's). */
    FixedCostCurve withLine(FixedCostLine other) {
        return new FixedCostCurve(other, pivot, growth, trainingShare, passRatios);
    }

    /** The curve through the pilot's points (n_i simulations, F_i seconds, all positive), with the mean growth. */
    public static FixedCostCurve fit(double[] n, double[] f) {
        return fit(n, f, 1, List.of());
    }

    /** The curve through the pilot's points, the training's share of F at the pivot and the passes' cost ratios. */
    public static FixedCostCurve fit(double[] n, double[] f, double trainingShare, List<PassRatio> passRatios) {
        return new FixedCostCurve(FixedCostLine.pinned(n, f), max(n), EPOCH_GROWTH, trainingShare, passRatios);
    }

    private static double max(double[] n) {
        double m = 0;
        for (double x : n) {
            m = Math.max(m, x);
        }
        return m;
    }
}
