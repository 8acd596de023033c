package dev.amortizer.bench.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulation budget past which the amortiser stops sharpening, read from its held-out log score: the mean of
 * log q(θ* | x*) over the same held-out simulations at each pilot budget. Its rise from one budget to the next is the
 * drop in the expected KL divergence from the true posterior, which needs no reference. A calibration target alone
 * would accept a posterior as broad as the prior, so a coverage-error plan also trains until one more doubling of
 * the simulations raises the log score by less than {@code minGain} nats:
 * <ul>
 *   <li>the smallest pilot budget from which every later doubling gains less, when the pilot saw the gains fall
 *       below it;</li>
 *   <li>else, beyond the pilot, where a power law through the positive gains per doubling (log gain linear in log n)
 *       falls to {@code minGain}; +∞ where they do not fall.</li>
 * </ul>
 * The gain per doubling between budgets n_i and n_{i+1} is their log score difference divided by log₂(n_{i+1}/n_i).
 */
final class Sharpness {
    private Sharpness() {
    }

    /**
     * The held-out log score at each pilot budget.
     *
     * @param simulations the pilot's budgets, increasing
     * @param scores      mean log q(θ* | x*) at each
     */
    record Scores(double[] simulations, double[] scores) {
    }

    /**
     * The mean log score of each pilot point over the held-out simulations {@code pairs} (indices, repeats allowed);
     * null where the points carry no log densities.
     */
    static Scores scores(PilotData pilot, int[] pairs) {
        double[] score = new double[pilot.points().size()];
        for (int i = 0; i < score.length; i++) {
            score[i] = mean(pilot.points().get(i).truthLogDensities(), pairs);
            if (!Double.isFinite(score[i])) {
                return null;
            }
        }
        return new Scores(pilot.points().stream().mapToDouble(PilotData.AmortiserPoint::simulations).toArray(),
                score);
    }

    /**
     * The budget at which doublings stop paying {@code minGain} nats; 0 without scores (the criterion does not
     * apply).
     */
    static double simulations(Scores scores, double minGain) {
        if (scores == null) {
            return 0;
        }
        double[] n = scores.simulations();
        double[] score = scores.scores();
        int m = n.length;
        double[] gain = new double[m - 1];
        for (int i = 0; i < m - 1; i++) {
            gain[i] = (score[i + 1] - score[i]) / (Math.log(n[i + 1] / n[i]) / Math.log(2));
        }
        int from = m - 1;
        while (from > 0 && gain[from - 1] < minGain) {
            from--;
        }
        if (from < m - 1) {
            return n[from];
        }
        List<double[]> positive = new ArrayList<>();
        for (int i = 0; i < m - 1; i++) {
            if (gain[i] > 0) {
                positive.add(new double[] {Math.log(n[i]), Math.log(gain[i])});
            }
        }
        if (positive.size() < 2) {
            return Double.POSITIVE_INFINITY;
        }
        LogLine line = LogLine.fitLogs(positive.stream().mapToDouble(p -> p[0]).toArray(),
                positive.stream().mapToDouble(p -> p[1]).toArray());
        if (!(line.slope() < 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(n[m - 1], Math.exp((Math.log(minGain) - line.intercept()) / line.slope()));
    }

    private static double mean(double[] values, int[] rows) {
        if (rows.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int r : rows) {
            s += values[r];
        }
        return s / rows.length;
    }
}
