package dev.amortizer.point;

import org.apache.commons.math3.special.Erf;

/**
 * A continuous quantile function through learned quantiles (τ_k, q_k): linear between neighbouring levels, and
 * beyond the outermost ones a Gaussian tail, Q(u) = q_1 + σ_lo (Φ⁻¹(u) − Φ⁻¹(τ_1)) below τ_1 (σ_lo the scale of the
 * Gaussian through the two lowest quantiles) and likewise above τ_L. Q(U), U uniform, then has the learned
 * quantiles exactly.
 */
final class QuantileFunction {
    private final double[] levels;
    private final double[] values;
    private final double lowScale;
    private final double highScale;

    QuantileFunction(double[] levels, double[] values) {
        this.levels = levels;
        this.values = values;
        int l = levels.length;
        this.lowScale = l < 2 ? 0 : (values[1] - values[0]) / (probit(levels[1]) - probit(levels[0]));
        this.highScale = l < 2 ? 0 : (values[l - 1] - values[l - 2]) / (probit(levels[l - 1]) - probit(levels[l - 2]));
    }

    double at(double u) {
        int l = levels.length;
        if (u <= levels[0]) {
            return values[0] + lowScale * (probit(u) - probit(levels[0]));
        }
        if (u >= levels[l - 1]) {
            return values[l - 1] + highScale * (probit(u) - probit(levels[l - 1]));
        }
        int k = 1;
        while (levels[k] < u) {
            k++;
        }
        double w = (u - levels[k - 1]) / (levels[k] - levels[k - 1]);
        return values[k - 1] + w * (values[k] - values[k - 1]);
    }

    static double probit(double p) {
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }
}
