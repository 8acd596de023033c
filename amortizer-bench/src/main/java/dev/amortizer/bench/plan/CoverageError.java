package dev.amortizer.bench.plan;

/**
 * Expected coverage error of a posterior's HPD regions on held-out simulations: the mean over the credibility levels
 * α = 0.05, 0.10, …, 0.95 of |share of held-out truths inside the α-HPD region − α|. Each pair contributes its HPD
 * level h (the level of the smallest HPD region that holds its truth, {@code Calibration}), and the truth lies inside
 * the α region when h ≤ α; for a calibrated posterior h is uniform and the error is 0 up to noise, about
 * {@link #noise}(K) for K pairs. Calibration is necessary, not sufficient: the prior itself is calibrated, so a plan
 * on this measure also reports how much each budget's posterior contracts.
 */
public final class CoverageError {
    /** The credibility levels averaged over: 0.05, 0.10, ..., 0.95, as the check's coverage table. */
    static final double[] LEVELS = ladder(19);

    private CoverageError() {
    }

    /** The error of the pairs' HPD levels {@code h} picked by {@code rows} (indices, repeats allowed). */
    public static double of(double[] h, int[] rows) {
        double sum = 0;
        for (double alpha : LEVELS) {
            int inside = 0;
            for (int r : rows) {
                if (h[r] <= alpha) {
                    inside++;
                }
            }
            sum += Math.abs(inside / (double) rows.length - alpha);
        }
        return sum / LEVELS.length;
    }

    /** The error of every pair once. */
    public static double of(double[] h) {
        return of(h, java.util.stream.IntStream.range(0, h.length).toArray());
    }

    /**
     * The error a calibrated posterior shows on K pairs by chance alone: the mean over the levels of
     * E|Binomial(K, α)/K − α| ≈ √(2α(1−α)/(πK)), about 0.33/√K. A target below about twice this cannot be told from
     * noise.
     */
    public static double noise(int pairs) {
        double sum = 0;
        for (double alpha : LEVELS) {
            sum += Math.sqrt(2 * alpha * (1 - alpha) / (Math.PI * pairs));
        }
        return sum / LEVELS.length;
    }

    /** {@code points} evenly spaced credibility levels strictly between 0 and 1, rounded to 0.01. */
    public static double[] ladder(int points) {
        double[] l = new double[points];
        for (int k = 0; k < points; k++) {
            l[k] = Math.round((k + 1) * 100.0 / (points + 1)) / 100.0;
        }
        return l;
    }
}
