package dev.amortizer.escalation;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.importance.ImportanceWeights;
import dev.amortizer.diagnostics.importance.ParetoKhat;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.Arrays;

/**
 * Proposal draws θᵢ ~ q(θ | x_o) with their importance log weights log p(θᵢ) + log p(x_o | θᵢ) − log q(θᵢ | x_o):
 * the probe's, and step 2's, which extend the probe's rather than start over (both are independent draws from q).
 */
final class WeightedDraws {
    private static final int MIN_FOR_PARETO_K = 10;

    private final Task task;
    private final double[][] rows;
    private final double[] logWeights;
    private final double ess;
    private final double paretoK;

    private WeightedDraws(Task task, double[][] rows, double[] logWeights) {
        this.task = task;
        this.rows = rows;
        this.logWeights = logWeights;
        this.ess = ImportanceWeights.effectiveSampleSize(logWeights);
        this.paretoK = ess == 0 ? Double.POSITIVE_INFINITY
                : logWeights.length >= MIN_FOR_PARETO_K ? ParetoKhat.of(logWeights) : Double.NaN;
    }

    /**
     * {@code count} draws from q in one batch, weighed; counts the forward pass of each draw's log q (drawing
     * counts its own) and one likelihood evaluation (a draw outside the prior's support costs one without calling it).
     */
    static WeightedDraws propose(Task task, AmortisedDensity posterior, double[] x, int count, Rng rng,
                                 CostMeter meter) {
        double[][] rows = posterior.sample(x, count, rng, meter).toArray();
        double[][] xs = new double[count][];
        Arrays.fill(xs, x);
        double[] logQ = posterior.logDensity(rows, xs);
        meter.countForwardPasses(Phase.QUERY, count);
        LogLikelihood likelihood = task.likelihood().orElseThrow();
        double[] logWeights = new double[count];
        for (int i = 0; i < count; i++) {
            double logPrior = task.prior().logDensity(rows[i]);
            double logLikelihood = logPrior > Double.NEGATIVE_INFINITY && Double.isFinite(logQ[i])
                    ? likelihood.logLikelihood(rows[i], x) : Double.NaN;
            logWeights[i] = Double.isNaN(logLikelihood) ? Double.NEGATIVE_INFINITY : logPrior + logLikelihood - logQ[i];
        }
        meter.countLikelihoodEvaluations(Phase.QUERY, count);
        return new WeightedDraws(task, rows, logWeights);
    }

    /** These draws and {@code more}, as one set. */
    WeightedDraws plus(WeightedDraws more) {
        double[][] all = Arrays.copyOf(rows, rows.length + more.rows.length);
        System.arraycopy(more.rows, 0, all, rows.length, more.rows.length);
        double[] weights = Arrays.copyOf(logWeights, logWeights.length + more.logWeights.length);
        System.arraycopy(more.logWeights, 0, weights, logWeights.length, more.logWeights.length);
        return new WeightedDraws(task, all, weights);
    }

    int size() {
        return rows.length;
    }

    /** Kish's (Σw)²/Σw²; 0 when every weight is zero. */
    double ess() {
        return ess;
    }

    /** The Pareto shape of the weights' tail; +∞ when every weight is zero. */
    double paretoK() {
        return paretoK;
    }

    /** Kish's ESS as a share of the draws, in [0, 1]. */
    double essShare() {
        return ess / rows.length;
    }

    /** The draws of nonzero weight, unweighted, in proposal order; null when every weight is zero. */
    Samples supported() {
        if (ess == 0) {
            return null;
        }
        return Samples.of(task.parameterNames(), java.util.stream.IntStream.range(0, rows.length)
                .filter(i -> logWeights[i] > Double.NEGATIVE_INFINITY).mapToObj(i -> rows[i].clone())
                .toArray(double[][]::new));
    }

    /** {@code n} draws resampled systematically by weight; null when every weight is zero. */
    Samples resample(int n, Rng rng) {
        if (ess == 0) {
            return null;
        }
        int[] picked = ImportanceWeights.systematicResample(logWeights, n, rng.nextDouble());
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = rows[picked[i]].clone();
        }
        return Samples.of(task.parameterNames(), out);
    }
}
