package dev.amortizer.npe.mdn;

/**
 * The log density of the mixture a {@link MixtureLayout} row describes, and its gradient.
 *
 * <p>log q(θ) = logsumexp_k [ log w_k + Σ_i s_ki − ½‖U_k(θ − μ_k)‖² − (D/2) log 2π ] with
 * log w = logsoftmax(a). With y = U_k(θ − μ_k), δ = θ − μ_k and responsibilities
 * ρ_k = w_k N_k(θ) / q(θ), the gradient with respect to the raw row is
 * ∂/∂a_k = ρ_k − w_k, ∂/∂μ_k = ρ_k U_kᵀy, ∂/∂U_ij = −ρ_k y_i δ_j (i &lt; j) and
 * ∂/∂r_i = ρ_k (1 − y_i e^{s_i} δ_i)(1 − (s_i/B)²) through the bound s = B·tanh(r/B).
 * Both sums over k are shifted by their maximum, so no term under- or overflows.
 */
public final class MixtureDensity {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private MixtureDensity() {
    }

    /** log q(θ) for the row {@code raw[rawOffset ..]} at {@code theta[thetaOffset .. +D)}. */
    public static double logDensity(MixtureLayout layout, double[] raw, int rawOffset, double[] theta,
                                    int thetaOffset) {
        return evaluate(layout, raw, rawOffset, theta, thetaOffset, null, 0);
    }

    /**
     * log q(θ), writing ∂ log q / ∂ raw into {@code gradient[gradientOffset .. + width)}.
     */
    public static double logDensityAndGradient(MixtureLayout layout, double[] raw, int rawOffset, double[] theta,
                                               int thetaOffset, double[] gradient, int gradientOffset) {
        return evaluate(layout, raw, rawOffset, theta, thetaOffset, gradient, gradientOffset);
    }

    private static double evaluate(MixtureLayout layout, double[] raw, int ro, double[] theta, int to,
                                   double[] gradient, int go) {
        int k = layout.components();
        int d = layout.dim();
        double logitMax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            logitMax = Math.max(logitMax, raw[ro + layout.logit(c)]);
        }
        // Each exponential is taken once and kept for the gradient: they dominate the cost.
        double[] weight = new double[k];
        double logitSum = 0;
        for (int c = 0; c < k; c++) {
            weight[c] = Math.exp(raw[ro + layout.logit(c)] - logitMax);
            logitSum += weight[c];
        }
        double logNormaliser = logitMax + Math.log(logitSum);

        double[] logJoint = new double[k];
        double[] delta = new double[k * d];
        double[] y = new double[k * d];
        double[] s = new double[k * d];
        double[] scale = new double[k * d];
        double jointMax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            int base = c * d;
            for (int i = 0; i < d; i++) {
                delta[base + i] = theta[to + i] - raw[ro + layout.mean(c, i)];
            }
            int off = ro + layout.offDiagonal(c);
            double logDet = 0;
            double quad = 0;
            for (int i = 0; i < d; i++) {
                double si = MixtureLayout.boundedLogDiagonal(raw[ro + layout.logDiagonal(c, i)]);
                s[base + i] = si;
                scale[base + i] = Math.exp(si);
                logDet += si;
                double yi = scale[base + i] * delta[base + i];
                for (int j = i + 1; j < d; j++) {
                    yi += raw[off + layout.pairIndex(i, j)] * delta[base + j];
                }
                y[base + i] = yi;
                quad += yi * yi;
            }
            logJoint[c] = raw[ro + layout.logit(c)] - logNormaliser + logDet - 0.5 * quad - 0.5 * d * LOG_2PI;
            jointMax = Math.max(jointMax, logJoint[c]);
        }
        double[] joint = new double[k];
        double jointSum = 0;
        for (int c = 0; c < k; c++) {
            joint[c] = Math.exp(logJoint[c] - jointMax);
            jointSum += joint[c];
        }
        double logQ = jointMax + Math.log(jointSum);
        if (gradient == null) {
            return logQ;
        }
        double bound = MixtureLayout.LOG_DIAGONAL_BOUND;
        for (int c = 0; c < k; c++) {
            int base = c * d;
            int off = layout.offDiagonal(c);
            double rho = joint[c] / jointSum;
            gradient[go + layout.logit(c)] = rho - weight[c] / logitSum;
            for (int j = 0; j < d; j++) {
                // (U^T y)_j = e^{s_j} y_j + Σ_{i<j} U_ij y_i
                double uty = scale[base + j] * y[base + j];
                for (int i = 0; i < j; i++) {
                    uty += raw[ro + off + layout.pairIndex(i, j)] * y[base + i];
                }
                gradient[go + layout.mean(c, j)] = rho * uty;
            }
            for (int i = 0; i < d; i++) {
                double ratio = s[base + i] / bound;
                gradient[go + layout.logDiagonal(c, i)] =
                        rho * (1 - y[base + i] * scale[base + i] * delta[base + i]) * (1 - ratio * ratio);
                for (int j = i + 1; j < d; j++) {
                    gradient[go + off + layout.pairIndex(i, j)] = -rho * y[base + i] * delta[base + j];
                }
            }
        }
        return logQ;
    }
}
