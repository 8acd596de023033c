package dev.amortizer.diagnostics.convergence;

/**
 * The effective sample size of m chains of n draws of one scalar, as Stan estimates it: with the within-chain
 * autocovariances γ_c(t), W and var⁺ as for {@link Rhat}, the combined autocorrelation is
 * ρ̂ₜ = 1 − (W − mean_c γ_c(t)) / var⁺ (ρ̂₀ = 1). Geyer's initial monotone sequence sums the pairs
 * Pₖ = ρ̂₂ₖ + ρ̂₂ₖ₊₁ while they stay positive, each capped at the one before, so τ̂ = −1 + 2 Σ Pₖ and
 * ESS = m n / τ̂ (at most m n log₁₀(m n)). Bulk-ESS applies this to rank-normalised split chains; tail-ESS is the
 * smaller of the ESS of the indicators I(x ≤ q₅%) and I(x ≤ q₉₅%) on split chains.
 *
 * <p>{@code double bulk = EffectiveSampleSize.bulk(chains); double tail = EffectiveSampleSize.tail(chains);}
 *
 * @see "Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), Bayesian Analysis 16(2), 667–718"
 * @see "Geyer (1992), Practical Markov chain Monte Carlo, Statistical Science 7(4), 473–483"
 */
public final class EffectiveSampleSize {
    private EffectiveSampleSize() {
    }

    /** Bulk-ESS: the ESS of the rank-normalised split chains. */
    public static double bulk(double[][] chains) {
        Chains.check(chains);
        return basic(Chains.rankNormalise(Chains.split(chains)));
    }

    /** Tail-ESS: min of the ESS of I(x ≤ q₀.₀₅) and I(x ≤ q₀.₉₅) on split chains. */
    public static double tail(double[][] chains) {
        Chains.check(chains);
        double[][] split = Chains.split(chains);
        double lower = basic(Chains.indicator(split, Chains.quantile(chains, 0.05)));
        double upper = basic(Chains.indicator(split, Chains.quantile(chains, 0.95)));
        return Math.min(lower, upper);
    }

    /** The ESS of the chains as given; NaN where the within-chain variance is 0. */
    public static double basic(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[][] centred = new double[m][n];
        double[] means = new double[m];
        double within = 0;
        for (int c = 0; c < m; c++) {
            double sum = 0;
            for (double x : chains[c]) {
                sum += x;
            }
            means[c] = sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                centred[c][i] = chains[c][i] - means[c];
                squares += centred[c][i] * centred[c][i];
            }
            within += squares / (n - 1);
        }
        within /= m;
        if (!(within > 0)) {
            return Double.NaN;
        }
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
        double varPlus = (n - 1.0) / n * within + betweenOverN;

        double sumOfPairs = 0;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n - 2; t += 2) {
            double pair = autocorrelation(centred, t, within, varPlus) + autocorrelation(centred, t + 1, within, varPlus);
            if (!(pair > 0)) {
                break;
            }
            pair = Math.min(pair, previousPair);
            sumOfPairs += pair;
            previousPair = pair;
        }
        double total = (double) m * n;
        double tau = Math.max(-1 + 2 * sumOfPairs, 1 / Math.log10(total));
        return total / tau;
    }

    /** ρ̂ₜ = 1 − (W − mean_c γ_c(t)) / var⁺, with γ_c(t) = (1/n) Σᵢ (xᵢ − x̄)(xᵢ₊ₜ − x̄); ρ̂₀ = 1. */
    private static double autocorrelation(double[][] centred, int t, double within, double varPlus) {
        if (t == 0) {
            return 1;
        }
        int m = centred.length;
        int n = centred[0].length;
        double mean = 0;
        for (double[] chain : centred) {
            double s = 0;
            for (int i = 0; i + t < n; i++) {
                s += chain[i] * chain[i + t];
            }
            mean += s / n;
        }
        mean /= m;
        return 1 - (within - mean) / varPlus;
    }
}
