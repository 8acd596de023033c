package dev.amortizer.diagnostics.convergence;

/**
 * The potential scale reduction R̂ of m chains of n draws of one scalar: with W the mean within-chain variance and
 * B/n the variance of the chain means, var⁺ = (n − 1)/n · W + B/n and R̂ = √(var⁺ / W). Stan's version,
 * {@link #rankNormalisedSplit}, computes it on split chains after rank normalisation, for the draws (bulk) and for
 * their distances from the median (folded, sensitive to differing scales), and reports the larger.
 *
 * <p>{@code double rhat = Rhat.rankNormalisedSplit(chains); // chains[c][i], draw i of chain c}
 *
 * @see "Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), Rank-normalization, folding, and localization:
 *     an improved R̂ for assessing convergence of MCMC, Bayesian Analysis 16(2), 667–718"
 */
public final class Rhat {
    private Rhat() {
    }

    /** max(bulk R̂, folded R̂) on rank-normalised split chains; NaN when every draw is the same. */
    public static double rankNormalisedSplit(double[][] chains) {
        Chains.check(chains);
        double[][] split = Chains.split(chains);
        double bulk = basic(Chains.rankNormalise(split));
        double folded = basic(Chains.rankNormalise(Chains.fold(split)));
        return Math.max(bulk, folded);
    }

    /** R̂ of the chains as given (no splitting, no ranks); NaN where the within-chain variance is 0. */
    public static double basic(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double within = 0;
        for (int c = 0; c < m; c++) {
            double sum = 0;
            for (double x : chains[c]) {
                sum += x;
            }
            means[c] = sum / n;
            double squares = 0;
            for (double x : chains[c]) {
                squares += (x - means[c]) * (x - means[c]);
            }
            within += squares / (n - 1);
        }
        within /= m;
        double grand = 0;
        for (double mu : means) {
            grand += mu;
        }
        grand /= m;
        double betweenOverN = 0;
        for (double mu : means) {
            betweenOverN += (mu - grand) * (mu - grand);
        }
        betweenOverN = m > 1 ? betweenOverN / (m - 1) : 0;
        if (!(within > 0)) {
            return Double.NaN;
        }
        double varPlus = (n - 1.0) / n * within + betweenOverN;
        return Math.sqrt(varPlus / within);
    }
}
