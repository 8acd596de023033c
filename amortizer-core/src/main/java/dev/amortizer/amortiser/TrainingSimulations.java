package dev.amortizer.amortiser;

import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.Arrays;

/**
 * The pairs (θ_i, x_i) an amortiser trains on: θ from the prior, x from the simulator, in batches of
 * {@value #BATCH}, each from its own generator split from the caller's (as NPE draws them), so the same seed gives
 * the same pairs.
 *
 * @param theta one row per simulation
 * @param x     the simulator's output for the same row
 */
public record TrainingSimulations(double[][] theta, double[][] x) {
    /** Simulations drawn from one split generator ({@link SimulationCampaign#BATCH}). */
    public static final int BATCH = SimulationCampaign.BATCH;

    /** Simulates {@code n} pairs ({@link SimulationCampaign}, in memory), timed and counted under {@link Phase#SIMULATION}. */
    public static TrainingSimulations simulate(Task task, int n, Rng rng, CostMeter meter) {
        if (n < 2) {
            throw new IllegalArgumentException("simulations must be >= 2, got " + n);
        }
        SimulationCampaign.Result r = SimulationCampaign.inMemory().run(task, n, rng, meter);
        return new TrainingSimulations(r.theta(), r.x());
    }

    /** Indices of the pairs whose θ and x are all finite, in order. */
    public int[] finiteRows() {
        int[] keep = new int[theta.length];
        int n = 0;
        for (int i = 0; i < theta.length; i++) {
            if (finite(theta[i]) && finite(x[i])) {
                keep[n++] = i;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    /** The finite pairs, split at random into training rows and {@code fraction} of them held out (at least 1). */
    public int[][] trainingAndHeldOut(double fraction, Rng rng) {
        int[] valid = finiteRows();
        int held = (int) Math.max(1, Math.round(fraction * valid.length));
        if (valid.length - held < 1) {
            throw new IllegalArgumentException("need at least 2 simulations with finite θ and x to train and"
                    + " validate, got " + valid.length + " of " + theta.length);
        }
        rng.shuffle(valid);
        return new int[][] {Arrays.copyOfRange(valid, held, valid.length), Arrays.copyOfRange(valid, 0, held)};
    }

    private static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
