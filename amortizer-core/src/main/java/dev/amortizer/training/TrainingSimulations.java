package dev.amortizer.training;

import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Task;

/**
 * The pairs (θ_i, x_i) an amortiser trains on: θ from the prior, x from the simulator, drawn by a
 * {@link SimulationCampaign} in batches of {@value #BATCH}, each from its own generator split from the caller's, so
 * the same seed gives the same pairs. Rows with non-finite x are kept here; {@link TrainingData} drops and counts
 * them.
 *
 * @param theta    one row per simulation
 * @param x        the simulator's output for the same row
 * @param failures failed simulations by kind, as the campaign counted them
 */
public record TrainingSimulations(double[][] theta, double[][] x, FailureCounts failures) {
    /** Simulations drawn from one split generator ({@link SimulationCampaign#BATCH}). */
    public static final int BATCH = SimulationCampaign.BATCH;

    /** Pairs simulated elsewhere, with no record of why any failed. */
    public TrainingSimulations(double[][] theta, double[][] x) {
        this(theta, x, FailureCounts.NONE);
    }

    /** Simulates {@code n} pairs in memory, timed and counted under {@link Phase#SIMULATION}. */
    public static TrainingSimulations simulate(Task task, int n, Rng rng, CostMeter meter) {
        return simulate(SimulationCampaign.inMemory(), task, n, rng, meter);
    }

    /**
     * Simulates {@code n} pairs with {@code campaign} (in memory, or saving and resuming its batches in a
     * directory), timed and counted under {@link Phase#SIMULATION}.
     */
    public static TrainingSimulations simulate(SimulationCampaign campaign, Task task, int n, Rng rng,
                                               CostMeter meter) {
        if (n < 2) {
            throw new IllegalArgumentException("simulations must be >= 2, got " + n);
        }
        SimulationCampaign.Result r = campaign.run(task, n, rng, meter);
        return new TrainingSimulations(r.theta(), r.x(), r.failures());
    }

    /**
     * The same pairs with each x's rows of {@code width} values in canonical order ({@link RowsLayout#canonical}):
     * new x rows where one was out of order, the others shared; this itself for {@code width} 0.
     */
    public TrainingSimulations withRowsInCanonicalOrder(int width) {
        if (width == 0) {
            return this;
        }
        double[][] ordered = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            ordered[i] = RowsLayout.inCanonicalOrder(x[i], width) ? x[i] : RowsLayout.canonical(x[i], width);
        }
        return new TrainingSimulations(theta, ordered, failures);
    }

    /**
     * The same pairs with each x followed by the moments of its rows of {@code width} values
     * ({@link RowsLayout#moments}: mean, then covariance): x rows longer by {@link RowsLayout#momentCount}, as an
     * estimator reading them sees x.
     * The rows should be in canonical order already ({@link #withRowsInCanonicalOrder}), so that the moments are
     * summed in one order whatever order the rows came in.
     */
    public TrainingSimulations withRowMoments(int width) {
        double[][] wider = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            wider[i] = RowsLayout.withMoments(x[i], width);
        }
        return new TrainingSimulations(theta, wider, failures);
    }

    /**
     * The same pairs with each θ folded by {@code symmetry} ({@link ParameterSymmetry#fold}): one copy of each of the
     * posterior's symmetric modes, for an estimator that symmetrises afterwards. Null returns these pairs.
     */
    public TrainingSimulations withThetaFolded(ParameterSymmetry symmetry) {
        if (symmetry == null) {
            return this;
        }
        double[][] folded = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            folded[i] = symmetry.fold(theta[i]);
        }
        return new TrainingSimulations(folded, x, failures);
    }

    /** How many pairs were simulated or given. */
    public int size() {
        return theta.length;
    }
}
