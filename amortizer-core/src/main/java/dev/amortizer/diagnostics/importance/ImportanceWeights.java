package dev.amortizer.diagnostics.importance;

/** Summaries of normalised importance weights wᵢ ∝ exp(log wᵢ). */
public final class ImportanceWeights {
    private ImportanceWeights() {
    }

    /** Kish's effective sample size (Σ wᵢ)² / Σ wᵢ², between 1 and S; 0 when every weight is zero. */
    public static double effectiveSampleSize(double[] logWeights) {
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            if (Double.isNaN(lw)) {
                throw new IllegalArgumentException("a log weight is NaN, expected a number or -Infinity");
            }
            max = Math.max(max, lw);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double sum = 0;
        double squares = 0;
        for (double lw : logWeights) {
            double w = Math.exp(lw - max);
            sum += w;
            squares += w * w;
        }
        return sum * sum / squares;
    }

    /** wᵢ / Σ w, computed stably from the log weights. */
    public static double[] normalise(double[] logWeights) {
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            max = Math.max(max, lw);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every weight is zero; nothing to normalise");
        }
        double[] w = new double[logWeights.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logWeights[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * Systematic resampling: n indices into the weights, index i taken about n·wᵢ times, from one uniform
     * {@code u} in [0, 1) (the points (k + u)/n on the weights' cumulative sum).
     */
    public static int[] systematicResample(double[] logWeights, int n, double u) {
        double[] w = normalise(logWeights);
        int last = w.length - 1; // the last index with weight: rounding must not land a point on a zero weight
        while (last > 0 && !(w[last] > 0)) {
            last--;
        }
        int[] picked = new int[n];
        double cumulative = w[0];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double point = (i + u) / n;
            while (cumulative <= point && k < last) {
                cumulative += w[++k];
            }
            picked[i] = k;
        }
        return picked;
    }
}
