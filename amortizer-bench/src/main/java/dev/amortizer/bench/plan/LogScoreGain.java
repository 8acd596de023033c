package dev.amortizer.bench.plan;

import java.util.Locale;

/**
 * How much the amortiser's held-out log score, the mean of log q(θ* | x*), rose between the pilot's two largest
 * budgets, paired over the same held-out simulations, with its standard error: the plan's evidence, in words, for
 * {@link Sharpness}. The rise is the drop in the expected KL divergence from the true posterior.
 *
 * @param from          the smaller budget
 * @param to            the larger budget
 * @param nats          mean rise of log q(θ* | x*), in nats
 * @param standardError its standard error over the held-out simulations
 */
public record LogScoreGain(int from, int to, double nats, double standardError) {
    /** A rise beyond this many standard errors counts as real. */
    static final double SIGNIFICANT = 2;

    /** The gain between the pilot's two largest budgets; null with fewer than two or without densities. */
    static LogScoreGain of(PilotData pilot) {
        int m = pilot.points().size();
        if (m < 2) {
            return null;
        }
        PilotData.AmortiserPoint a = pilot.points().get(m - 2);
        PilotData.AmortiserPoint b = pilot.points().get(m - 1);
        int k = Math.min(a.truthLogDensities().length, b.truthLogDensities().length);
        if (k < 2) {
            return null;
        }
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = b.truthLogDensities()[i] - a.truthLogDensities()[i];
        }
        double mean = java.util.Arrays.stream(d).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (k - 1) / k);
        return Double.isFinite(mean) && Double.isFinite(se) ? new LogScoreGain(a.simulations(), b.simulations(), mean,
                se) : null;
    }

    /** Whether the rise is beyond {@link #SIGNIFICANT} standard errors. */
    public boolean stillSharpening() {
        return nats > SIGNIFICANT * standardError;
    }

    /** One sentence for the verdict; {@code minGain}: the plan's gain per doubling below which training stops. */
    String sentence(double minGain) {
        return String.format(Locale.ROOT, "Calibration alone would accept a posterior as broad as the prior, so the "
                + "amortiser also trains until a doubling of its simulations raises the held-out log score by less "
                + "than %.3g nats; from %,d to %,d simulations it rose by %.3f ± %.3f nats%s.", minGain, from, to, nats,
                standardError, stillSharpening() ? " (still sharpening)" : " (no sharpening beyond noise)");
    }
}
