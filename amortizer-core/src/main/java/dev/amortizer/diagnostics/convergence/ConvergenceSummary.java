package dev.amortizer.diagnostics.convergence;

import java.util.ArrayList;
import java.util.List;

/**
 * The worst convergence diagnostics over the parameters of a multi-chain run: the largest rank-normalised split
 * R̂, the smallest bulk-ESS and the smallest tail-ESS, with Stan's warnings (R̂ > 1.01, ESS < 400).
 *
 * <p>{@code var summary = ConvergenceSummary.of(draws); summary.warnings().forEach(System.err::println);}
 *
 * @param maxRhat    max over parameters of {@link Rhat#rankNormalisedSplit}
 * @param minBulkEss min over parameters of {@link EffectiveSampleSize#bulk}
 * @param minTailEss min over parameters of {@link EffectiveSampleSize#tail}
 */
public record ConvergenceSummary(double maxRhat, double minBulkEss, double minTailEss) {
    /** R̂ above this suggests the chains have not mixed. */
    public static final double RHAT_LIMIT = 1.01;
    /** ESS below this is too few for reliable quantiles. */
    public static final double ESS_LIMIT = 400;

    /** @param draws draws[c][i][j]: chain c, iteration i, parameter j; chains of equal length ≥ 4 */
    public static ConvergenceSummary of(double[][][] draws) {
        if (draws == null || draws.length == 0 || draws[0].length == 0) {
            throw new IllegalArgumentException("draws is empty, expected chains x iterations x parameters");
        }
        int dim = draws[0][0].length;
        double maxRhat = Double.NEGATIVE_INFINITY;
        double minBulk = Double.POSITIVE_INFINITY;
        double minTail = Double.POSITIVE_INFINITY;
        for (int j = 0; j < dim; j++) {
            double[][] chains = new double[draws.length][];
            for (int c = 0; c < draws.length; c++) {
                chains[c] = new double[draws[c].length];
                for (int i = 0; i < draws[c].length; i++) {
                    chains[c][i] = draws[c][i][j];
                }
            }
            Chains.check(chains);
            double[] stan = stan(chains);
            maxRhat = Math.max(maxRhat, stan[0]);
            minBulk = Math.min(minBulk, stan[1]);
            minTail = Math.min(minTail, stan[2]);
        }
        return new ConvergenceSummary(maxRhat, minBulk, minTail);
    }

    /** Human-readable warnings, empty when every diagnostic passes. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (!(maxRhat <= RHAT_LIMIT)) {
            out.add(String.format("R-hat is %.3f > %.2f: the chains have not mixed; run longer or check for multiple modes",
                    maxRhat, RHAT_LIMIT));
        }
        if (!(minBulkEss >= ESS_LIMIT)) {
            out.add(String.format("bulk ESS is %.0f < %.0f: posterior means and medians may be unreliable", minBulkEss, ESS_LIMIT));
        }
        if (!(minTailEss >= ESS_LIMIT)) {
            out.add(String.format("tail ESS is %.0f < %.0f: posterior intervals may be unreliable", minTailEss, ESS_LIMIT));
        }
        return out;
    }

    /**
     * Stan's {rank-normalised split R̂ (max of bulk and folded), bulk-ESS, tail-ESS} of the chains of one parameter,
     * sharing one split, one sort (two for odd lengths) and the bulk rank normalisation; NaN R̂ counts as infinite
     * and NaN ESS as zero.
     */
    static double[] stan(double[][] chains) {
        double[][] split = Chains.split(chains);
        double[] sorted = Chains.pooledSorted(split);
        double[][] bulk = Chains.rankNormalise(split, sorted);
        double[][] folded = Chains.fold(split, Chains.quantile(sorted, 0.5));
        double rhat = Math.max(Rhat.basic(bulk), Rhat.basic(Chains.rankNormalise(folded)));
        double[] all = chains[0].length % 2 == 0 ? sorted : Chains.pooledSorted(chains);
        double tail = Math.min(
                EffectiveSampleSize.basic(Chains.indicator(split, Chains.quantile(all, 0.05))),
                EffectiveSampleSize.basic(Chains.indicator(split, Chains.quantile(all, 0.95))));
        return new double[] {nanAsInfinite(rhat), nanAsZero(EffectiveSampleSize.basic(bulk)), nanAsZero(tail)};
    }

    static double nanAsInfinite(double x) {
        return Double.isNaN(x) ? Double.POSITIVE_INFINITY : x;
    }

    static double nanAsZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }
}
