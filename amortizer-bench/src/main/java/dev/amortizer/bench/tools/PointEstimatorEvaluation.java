package dev.amortizer.bench.tools;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.point.PointConfig;
import dev.amortizer.point.PointEstimate;
import dev.amortizer.point.PointEstimation;
import dev.amortizer.point.PointPosterior;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.Locale;

/**
 * Scores a neural point estimator by its own measures on fresh test pairs (θ, x) from the prior and simulator: the
 * RMSE of its posterior-mean estimate against the true θ, next to the RMSE of the reference posterior's mean
 * (estimated from {@value #REFERENCE_DRAWS} draws of the task's reference sampler: for gaussian_linear the analytic
 * N(x/2, 0.05·I), whose sampled mean adds 0.05/4000 to the squared error, 0.0125% of it), and how often the 90%
 * interval [q_0.05, q_0.95] and the 50% interval [q_0.25, q_0.75] cover the true θ_j: the measurement behind
 * results/point-estimators.md.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.PointEstimatorEvaluation gaussian_linear 10000 1 10000}: task,
 * training simulations, seed, test pairs. Training uses {@code Rng.seeded(seed)}'s first split, the test pairs the
 * second, the reference draws the third.
 */
public final class PointEstimatorEvaluation {
    static final int REFERENCE_DRAWS = 4000;

    private PointEstimatorEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: PointEstimatorEvaluation TASK SIMULATIONS SEED TEST_PAIRS");
            System.exit(2);
        }
        Task task = TaskCatalog.byName(args[0]);
        int simulations = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int pairs = Integer.parseInt(args[3]);
        Rng rng = Rng.seeded(seed);
        CostMeter meter = new CostMeter();
        PointPosterior q = new PointEstimation(PointConfig.defaults()).train(task, simulations, rng.split(), meter);
        Rng testRng = rng.split();
        double[][] theta = task.prior().sample(pairs, testRng);
        double[][] x = task.simulator().simulate(theta, testRng);
        Posterior reference = task.referencePosterior().orElse(null);
        Rng refRng = rng.split();
        int d = task.parameterDim();
        double sqEstimator = 0;
        double sqMedian = 0;
        double sqReference = 0;
        long cover90 = 0;
        long cover50 = 0;
        long cells = 0;
        for (int i = 0; i < pairs; i++) {
            PointEstimate e = q.estimate(x[i]);
            double[] mean = e.mean();
            double[] median = e.median();
            double[] lo90 = e.quantile(0.05);
            double[] hi90 = e.quantile(0.95);
            double[] lo50 = e.quantile(0.25);
            double[] hi50 = e.quantile(0.75);
            double[] refMean = reference == null ? null : columnMeans(reference.sample(x[i], REFERENCE_DRAWS, refRng));
            for (int j = 0; j < d; j++) {
                double t = theta[i][j];
                sqEstimator += (mean[j] - t) * (mean[j] - t);
                sqMedian += (median[j] - t) * (median[j] - t);
                if (refMean != null) {
                    sqReference += (refMean[j] - t) * (refMean[j] - t);
                }
                cover90 += lo90[j] <= t && t <= hi90[j] ? 1 : 0;
                cover50 += lo50[j] <= t && t <= hi50[j] ? 1 : 0;
                cells++;
            }
        }
        double rmse = Math.sqrt(sqEstimator / cells);
        double rmseRef = Math.sqrt(sqReference / cells);
        System.out.printf(Locale.ROOT, "%s point, %d simulations, seed %d, %d test pairs: trained in %.1f s%n",
                task.name(), simulations, seed, pairs, meter.ledger().get(Phase.TRAINING).wallSeconds());
        System.out.printf(Locale.ROOT, "RMSE of the posterior-mean estimate: %.4f%n", rmse);
        System.out.printf(Locale.ROOT, "RMSE of the median estimate:         %.4f%n", Math.sqrt(sqMedian / cells));
        if (reference != null) {
            System.out.printf(Locale.ROOT, "RMSE of the reference posterior mean: %.4f (estimator/reference %.4f)%n",
                    rmseRef, rmse / rmseRef);
        }
        System.out.printf(Locale.ROOT, "coverage of 90%% intervals: %.4f; of 50%% intervals: %.4f (%d parameter"
                + " values)%n", (double) cover90 / cells, (double) cover50 / cells, cells);
    }

    private static double[] columnMeans(Samples s) {
        double[][] rows = s.toArray();
        double[] m = new double[s.dim()];
        for (double[] r : rows) {
            for (int j = 0; j < m.length; j++) {
                m[j] += r[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= rows.length;
        }
        return m;
    }
}
