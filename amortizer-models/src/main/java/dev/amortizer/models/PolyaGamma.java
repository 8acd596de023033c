package dev.amortizer.models;

import dev.amortizer.random.Rng;
import org.apache.commons.math3.special.Erf;

/**
 * Exact draws from the Pólya-Gamma distribution PG(1, c), by the alternating-series rejection sampler of Polson,
 * Scott and Windle (2013, JASA 108:1339), in their J* parametrisation: PG(1, c) = J*(1, c/2) / 4.
 *
 * <p>With z = |c|/2 and the switch point t = 0.64, J*(1, z) is proposed from an exponential tail
 * (rate K = π²/8 + z²/2) right of t and a truncated inverse Gaussian IG(1/z, 1) left of t, mixed in proportion
 * p : q with p = π/(2K)·e^{−Kt} and q = 2e^{−z}·P_IG(X &lt; t); the draw is accepted by the alternating series
 * Σ (−1)ⁿ aₙ(x), aₙ(x) = π(n + ½)·exp(−(n + ½)²π²x/2) for x &gt; t and π(n + ½)·(2/(πx))^{3/2}·exp(−2(n + ½)²/x)
 * for x ≤ t. The mean is tanh(c/2)/(2c) (¼ at c = 0).
 */
final class PolyaGamma {
    private static final double T = 0.64;

    private PolyaGamma() {
    }

    static double sample(double c, Rng rng) {
        double z = 0.5 * Math.abs(c);
        double k = Math.PI * Math.PI / 8 + 0.5 * z * z;
        double p = Math.PI / (2 * k) * Math.exp(-k * T);
        double q = 2 * Math.exp(-z) * inverseGaussianCdf(T, z);
        while (true) {
            double x = rng.nextDouble() < p / (p + q)
                    ? T - Math.log(rng.nextOpenDouble()) / k
                    : truncatedInverseGaussian(z, rng);
            double s = coefficient(0, x);
            double y = rng.nextDouble() * s;
            for (int n = 1; ; n++) {
                if (n % 2 == 1) {
                    s -= coefficient(n, x);
                    if (y <= s) {
                        return 0.25 * x;
                    }
                } else {
                    s += coefficient(n, x);
                    if (y > s) {
                        break;
                    }
                }
            }
        }
    }

    private static double coefficient(int n, double x) {
        double h = n + 0.5;
        if (x > T) {
            return Math.PI * h * Math.exp(-0.5 * h * h * Math.PI * Math.PI * x);
        }
        return Math.PI * h * Math.pow(2 / (Math.PI * x), 1.5) * Math.exp(-2 * h * h / x);
    }

    /** P(X &lt; t) for X ~ IG(mean 1/z, shape 1); at z = 0, the Lévy limit 2Φ(−1/√t). */
    private static double inverseGaussianCdf(double t, double z) {
        double r = Math.sqrt(1 / t);
        return normalCdf(r * (t * z - 1)) + Math.exp(2 * z) * normalCdf(-r * (t * z + 1));
    }

    private static double normalCdf(double v) {
        return 0.5 * Erf.erfc(-v / Math.sqrt(2));
    }

    /** X ~ IG(1/z, 1) conditioned on X &lt; t. */
    private static double truncatedInverseGaussian(double z, Rng rng) {
        double mu = z > 0 ? 1 / z : Double.POSITIVE_INFINITY;
        if (mu > T) {
            // Propose from the Lévy (z = 0) law truncated to (0, t); accept with e^{−z²x/2}.
            while (true) {
                double e1;
                double e2;
                do {
                    e1 = -Math.log(rng.nextOpenDouble());
                    e2 = -Math.log(rng.nextOpenDouble());
                } while (e1 * e1 > 2 * e2 / T);
                double x = T / ((1 + T * e1) * (1 + T * e1));
                if (rng.nextDouble() <= Math.exp(-0.5 * z * z * x)) {
                    return x;
                }
            }
        }
        while (true) {
            double g = rng.nextGaussian();
            double y = g * g;
            double x = mu + 0.5 * mu * mu * y - 0.5 * mu * Math.sqrt(4 * mu * y + mu * mu * y * y);
            if (rng.nextDouble() > mu / (mu + x)) {
                x = mu * mu / x;
            }
            if (x <= T) {
                return x;
            }
        }
    }
}
