package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.CholeskyFactor;

/**
 * Adaptive Metropolis (Haario et al.) over several chains, with a Robbins–Monro global scale
 * (Andrieu and Thoms, algorithm 4). After each round (one step of every chain) the proposal is
 * <pre>
 *   Σ_r = λ_r (2.38² / D) (Ĉ_r + 10⁻⁶ diag C₀),
 *   log λ_{r+1} = log λ_r + (r + 1)^(−0.6) (ᾱ_r − α*),
 * </pre>
 * with Ĉ_r the within-chain covariance of all positions so far pooled over chains,
 * Σ_c Σ_t (θ_ct − θ̄_c)(θ_ct − θ̄_c)ᵀ / Σ_c (n_c − 1) — so chains sitting in different modes do
 * not stretch it by the distance between the modes — used once it has 20·D degrees of freedom
 * (the starting guess C₀ before); ᾱ_r the mean acceptance probability of the round; and
 * α* = 0.234 + 0.21 / D, a fit to the optimal acceptance rates for Gaussian targets of Gelman,
 * Roberts and Gilks (0.44 in 1-D, 0.35 in 2-D, 0.255 in 10-D, 0.234 in the limit), so that λ stays
 * near 1 where the target is Gaussian. The diagonal term is Haario's ε I in the problem's own units.
 *
 * <p>λ starts at λ₀ = 0.01 (proposal SDs a tenth of C₀'s): C₀ comes from prior draws and spans
 * every mode, so a proposal that wide would carry chains between modes before adaptation
 * localises it, losing the starts' allocation of chains to modes. While nearly every step is
 * accepted Robbins–Monro multiplies λ by about 2 in the first round, by 10 within 6–9 rounds and
 * by 100 within 18–34 (more for small D), so a start too small costs a few dozen rounds of warm-up.
 *
 * @see "Haario, Saksman and Tamminen (2001), An adaptive Metropolis algorithm, Bernoulli 7(2), 223–242"
 * @see "Andrieu and Thoms (2008), A tutorial on adaptive MCMC, Statistics and Computing 18, 343–373"
 * @see "Gelman, Roberts and Gilks (1996), Efficient Metropolis jumping rules, Bayesian Statistics 5, 599–607"
 */
final class ProposalAdaptation {
    private static final double HAARIO_EPSILON = 1e-6;
    private static final int DEGREES_OF_FREEDOM_PER_DIMENSION = 20;
    private static final double STEP_DECAY = 0.6;
    private static final double INITIAL_SCALE = 0.01;

    private final int dim;
    private final double[][] initialCovariance;
    private final double[] counts;
    private final double[][] means;
    private final double[][][] comoments;
    private final double targetAcceptance;
    private double logScale = Math.log(INITIAL_SCALE);
    private int rounds;

    ProposalAdaptation(int chains, double[][] initialCovariance) {
        this.dim = initialCovariance.length;
        this.initialCovariance = initialCovariance;
        this.counts = new double[chains];
        this.means = new double[chains][dim];
        this.comoments = new double[chains][dim][dim];
        this.targetAcceptance = 0.234 + 0.21 / dim;
    }

    /** Adds a position of chain {@code chain} to its running mean and covariance (Welford). */
    void observe(int chain, double[] position) {
        counts[chain]++;
        double[] mean = means[chain];
        double[] delta = new double[dim];
        for (int i = 0; i < dim; i++) {
            delta[i] = position[i] - mean[i];
            mean[i] += delta[i] / counts[chain];
        }
        double[][] comoment = comoments[chain];
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b <= a; b++) {
                comoment[a][b] += delta[a] * (position[b] - mean[b]);
            }
        }
    }

    /** Ends a round whose steps had mean acceptance probability {@code meanAcceptance}; updates λ. */
    void endRound(double meanAcceptance) {
        logScale += Math.pow(rounds + 1, -STEP_DECAY) * (meanAcceptance - targetAcceptance);
        rounds++;
    }

    /** λ, the global scale. */
    double scale() {
        return Math.exp(logScale);
    }

    /** The current proposal's Cholesky factor. */
    CholeskyFactor proposal() {
        double degreesOfFreedom = 0;
        for (double n : counts) {
            degreesOfFreedom += Math.max(0, n - 1);
        }
        double[][] covariance = new double[dim][dim];
        if (degreesOfFreedom >= DEGREES_OF_FREEDOM_PER_DIMENSION * dim) {
            for (double[][] comoment : comoments) {
                for (int a = 0; a < dim; a++) {
                    for (int b = 0; b <= a; b++) {
                        covariance[a][b] += comoment[a][b] / degreesOfFreedom;
                        covariance[b][a] = covariance[a][b];
                    }
                }
            }
            for (int a = 0; a < dim; a++) {
                covariance[a][a] += HAARIO_EPSILON * initialCovariance[a][a];
            }
        } else {
            for (int a = 0; a < dim; a++) {
                covariance[a] = initialCovariance[a].clone();
            }
        }
        Covariances.scale(covariance, scale() * 2.38 * 2.38 / dim);
        return CholeskyFactor.of(covariance);
    }
}
