package dev.amortizer.diagnostics.calibration;

import dev.amortizer.random.Rng;

/**
 * TARP, tests of accuracy with random points (Lemos et al. 2023, arXiv:2302.03026). Parameters are standardised by
 * the prior's mean and sd (estimated from the held-out θ*, which are prior draws); for each held-out x* a reference
 * point θ_r is drawn uniformly in the box spanned by the standardised held-out θ*, independently of θ* and the
 * draws; the fraction f = P_q(‖θ − θ_r‖ < ‖θ* − θ_r‖) is estimated from the draws (randomised, as every fraction
 * here). Under calibration f ~ U(0, 1), so the expected coverage probability ECP(α) = P(f ≤ α) equals α.
 * ATC = ∫₀¹ (ECP(α) − α) dα = 1/2 − mean(f): positive when θ* is closer to θ_r than the draws are (the posterior
 * too wide, or biased away from the reference points), negative when it is farther (too narrow). The box depends on
 * θ*_n only through the extremes of all N held-out θ*, a dependence that vanishes as N grows.
 */
final class Tarp {
    private final double[] mean;
    private final double[] scale;
    private final double[] lower;
    private final double[] upper;

    /** Standardisation and reference box from the held-out θ* (rows). */
    Tarp(double[][] truths) {
        int d = truths[0].length;
        mean = new double[d];
        scale = new double[d];
        lower = new double[d];
        upper = new double[d];
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (double[] t : truths) {
                m += t[j];
            }
            m /= truths.length;
            double ss = 0;
            for (double[] t : truths) {
                ss += (t[j] - m) * (t[j] - m);
            }
            mean[j] = m;
            double sd = Math.sqrt(ss / Math.max(1, truths.length - 1));
            scale[j] = sd > 0 ? sd : 1;
            lower[j] = Double.POSITIVE_INFINITY;
            upper[j] = Double.NEGATIVE_INFINITY;
            for (double[] t : truths) {
                double z = (t[j] - m) / scale[j];
                lower[j] = Math.min(lower[j], z);
                upper[j] = Math.max(upper[j], z);
            }
        }
    }

    /** The randomised TARP fraction of one held-out simulation. */
    double fraction(double[] truth, double[][] draws, Rng rng) {
        int d = truth.length;
        double[] reference = new double[d];
        for (int j = 0; j < d; j++) {
            reference[j] = rng.nextUniform(lower[j], upper[j]);
        }
        double truthDistance = distance(truth, reference);
        int closer = 0;
        int ties = 0;
        for (double[] draw : draws) {
            double dist = distance(draw, reference);
            if (dist < truthDistance) {
                closer++;
            } else if (dist == truthDistance) {
                ties++;
            }
        }
        return HeldOutStatistics.randomisedFraction(closer, ties, draws.length, rng);
    }

    private double distance(double[] theta, double[] reference) {
        double s = 0;
        for (int j = 0; j < theta.length; j++) {
            double z = (theta[j] - mean[j]) / scale[j] - reference[j];
            s += z * z;
        }
        return s; // squared: the order is all that matters
    }
}
