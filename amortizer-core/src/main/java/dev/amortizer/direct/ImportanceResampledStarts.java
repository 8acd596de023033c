package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.ChainState;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Chain starts by sampling–importance–resampling from the prior: θ₁ … θ_M ~ p(θ) with weights
 * wᵢ ∝ p(θᵢ | x_o) / p(θᵢ) ∝ p(x_o | θᵢ), then C starts by systematic resampling of the θᵢ
 * sorted by their projection on the principal axis of the weighted covariance. The sort makes
 * the resampling stratified along the direction in which the posterior is widest — for a
 * multimodal posterior, the one that separates its modes — so each mode gets chains in
 * proportion to its mass to within one chain; resampling in draw order would allocate them
 * binomially (with 10 chains, a 50:50 posterior often gets 2:8). Each θᵢ costs one evaluation
 * of the target.
 *
 * @param states              the C starting states, their log densities already known
 * @param covariance          a first guess at the posterior covariance: the weighted covariance of the
 *                            θᵢ plus 10⁻³ of their unweighted variances on the diagonal, so it stays
 *                            positive definite when a single θᵢ carries all the weight
 * @param effectiveSampleSize (Σ wᵢ)² / Σ wᵢ², between 1 and M
 * @see "Rubin (1988), Using the SIR algorithm to simulate posterior distributions, Bayesian Statistics 3, 395–402"
 * @see "Kitagawa (1996), Monte Carlo filter and smoother for non-Gaussian nonlinear state space models,
 *     J. Comput. Graph. Stat. 5(1), 1–25 (systematic resampling)"
 */
record ImportanceResampledStarts(ChainState[] states, double[][] covariance, double effectiveSampleSize) {
    private static final double PRIOR_VARIANCE_SHARE = 1e-3;

    static ImportanceResampledStarts draw(PosteriorTarget target, Prior prior, int draws, int chains, Rng rng,
                                          String taskName) {
        int dim = prior.dim();
        double[][] theta = prior.sample(draws, rng);
        double[] logTarget = new double[draws];
        double[] logWeight = new double[draws];
        double maxLogWeight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < draws; i++) {
            logTarget[i] = target.logDensity(theta[i]);
            logWeight[i] = logTarget[i] - target.logPrior(theta[i]);
            if (Double.isNaN(logWeight[i])) {
                logWeight[i] = Double.NEGATIVE_INFINITY;
            }
            maxLogWeight = Math.max(maxLogWeight, logWeight[i]);
        }
        if (maxLogWeight == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("none of " + draws + " prior draws of task " + taskName
                    + " has a positive likelihood at the observation; random-walk Metropolis cannot start its chains"
                    + " (raise initialDraws, or check the observation)");
        }
        double[] weights = new double[draws];
        double total = 0;
        double totalSquared = 0;
        for (int i = 0; i < draws; i++) {
            weights[i] = Math.exp(logWeight[i] - maxLogWeight);
            total += weights[i];
            totalSquared += weights[i] * weights[i];
        }
        double[][] weightedCovariance = Covariances.weighted(theta, weights, dim);
        Integer[] order = alongPrincipalAxis(theta, weightedCovariance);
        ChainState[] states = new ChainState[chains];
        double u = rng.nextDouble();
        double cumulative = 0;
        int k = -1;
        for (int c = 0; c < chains; c++) {
            double point = (c + u) / chains * total;
            while (cumulative <= point && k < draws - 1) {
                cumulative += weights[order[++k]];
            }
            states[c] = new ChainState(theta[order[k]], logTarget[order[k]]);
        }
        double[][] priorCovariance = Covariances.sample(theta, dim);
        for (int j = 0; j < dim; j++) {
            weightedCovariance[j][j] += PRIOR_VARIANCE_SHARE * priorCovariance[j][j];
        }
        return new ImportanceResampledStarts(states, weightedCovariance, total * total / totalSquared);
    }

    /** Indices of {@code theta} sorted by θᵢ·v, v the covariance's leading eigenvector (ties by index). */
    private static Integer[] alongPrincipalAxis(double[][] theta, double[][] covariance) {
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] values = eigen.getRealEigenvalues();
        int leading = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[leading]) {
                leading = j;
            }
        }
        double[] axis = eigen.getEigenvector(leading).toArray();
        double[] projection = new double[theta.length];
        Integer[] order = new Integer[theta.length];
        for (int i = 0; i < theta.length; i++) {
            order[i] = i;
            for (int j = 0; j < axis.length; j++) {
                projection[i] += theta[i][j] * axis[j];
            }
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> projection[i]).thenComparingInt(i -> i));
        return order;
    }
}
