package dev.amortizer.models;

/**
 * The exponential integral E₁(u) = ∫_u^∞ e^{−t}/t dt, u &gt; 0, the Theis well function W(u). For u ≤ 1 the series
 * E₁(u) = −γ − ln u − Σ_{k≥1} (−u)^k / (k·k!); for u &gt; 1 the continued fraction
 * E₁(u) = e^{−u} / (u + 1 − 1²/(u + 3 − 2²/(u + 5 − …))), evaluated by the modified Lentz method. Both to about
 * machine precision.
 */
final class ExponentialIntegral {
    private static final double EULER_GAMMA = 0.5772156649015329;

    private ExponentialIntegral() {
    }

    static double e1(double u) {
        if (!(u > 0)) {
            throw new IllegalArgumentException("E1(u) needs u > 0, got " + u);
        }
        if (u <= 1) {
            double sum = 0;
            double term = 1;
            for (int k = 1; k < 100; k++) {
                term *= -u / k;
                double add = term / k;
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return -EULER_GAMMA - Math.log(u) - sum;
        }
        double tiny = 1e-300;
        double b = u + 1;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 1000; i++) {
            double a = -(double) i * i;
            b += 2;
            d = 1 / (a * d + b);
            c = b + a / c;
            double delta = c * d;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return h * Math.exp(-u);
    }
}
