package dev.amortizer.bench.plan;

/**
 * The amortiser's fixed cost F (simulation + training of every candidate + validation) against its simulation budget
 * n: F = overhead + perSimulation·n. Training with early stopping has a cost that does not shrink with n (network
 * set-up, the minimum epochs, candidate selection); a log-log line fitted to small pilot budgets reads that overhead
 * as a flat slope and under-predicts F far beyond them, which this form does not.
 *
 * @param overhead      seconds independent of n, >= 0
 * @param perSimulation seconds per simulation, >= 0
 */
public record FixedCostLine(double overhead, double perSimulation) {
    /** F at n simulations. */
    public double at(double n) {
        return overhead + perSimulation * n;
    }

    /**
     * The line through (n_i, F_i) minimising the squared relative errors Σ((F_i − c₀ − c₁·n_i)/F_i)² with c₀, c₁ ≥ 0
     * (relative, so that the cheap budgets count as much as the dear ones); at least one point, all positive.
     */
    public static FixedCostLine fit(double[] n, double[] f) {
        if (n.length != f.length || n.length == 0) {
            throw new IllegalArgumentException("a cost line needs at least one point, got " + n.length);
        }
        double s00 = 0;
        double s01 = 0;
        double s11 = 0;
        double t0 = 0;
        double t1 = 0;
        for (int i = 0; i < n.length; i++) {
            if (!(n[i] > 0) || !(f[i] > 0) || !Double.isFinite(f[i])) {
                throw new IllegalArgumentException("a cost line needs positive numbers, got (" + n[i] + ", " + f[i]
                        + ")");
            }
            double w = 1 / (f[i] * f[i]);
            s00 += w;
            s01 += w * n[i];
            s11 += w * n[i] * n[i];
            t0 += w * f[i];
            t1 += w * f[i] * n[i];
        }
        double det = s00 * s11 - s01 * s01;
        if (det > 1e-12 * s00 * s11) {
            double c0 = (t0 * s11 - t1 * s01) / det;
            double c1 = (s00 * t1 - s01 * t0) / det;
            if (c0 >= 0 && c1 >= 0) {
                return new FixedCostLine(c0, c1);
            }
        }
        // A bound is active (or one budget only): the better of the two one-parameter fits.
        FixedCostLine proportional = new FixedCostLine(0, t1 / s11);
        FixedCostLine flat = new FixedCostLine(t0 / s00, 0);
        return error(proportional, n, f) <= error(flat, n, f) ? proportional : flat;
    }

    /**
     * The line through the point of the largest n, its overhead c₀ ∈ [0, F there] minimising the other points'
     * squared relative errors (0 with no other point): the largest budget is the best evidence of what a simulation
     * costs at scale, the smaller ones of what costs the same whatever n. Fitted freely ({@link #fit}), one training
     * per budget lets an early-stopping fluke at a small budget tilt the slope: sir's pilot trained 107 passes per
     * simulation at 1,000 and 229 at 2,000, and the free line predicted F at 10⁴ at ×0.47 of the bench's. Over 18
     * pilots and their benches this line came within ×1.5 of F at 10⁴ in 17 (worst ×1.51), the free one in 11
     * (results/plan-validation.md).
     */
    public static FixedCostLine pinned(double[] n, double[] f) {
        fit(n, f); // the same checks
        int top = 0;
        for (int i = 1; i < n.length; i++) {
            top = n[i] > n[top] ? i : top;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n.length; i++) {
            if (n[i] < n[top]) { // f_i − F·n_i/N = c₀·(1 − n_i/N), weighted by 1/f_i²
                double u = 1 - n[i] / n[top];
                num += (f[i] - f[top] * n[i] / n[top]) * u / (f[i] * f[i]);
                den += u * u / (f[i] * f[i]);
            }
        }
        double c0 = den > 0 ? Math.min(Math.max(num / den, 0), f[top]) : 0;
        return new FixedCostLine(c0, (f[top] - c0) / n[top]);
    }

    private static double error(FixedCostLine line, double[] n, double[] f) {
        double e = 0;
        for (int i = 0; i < n.length; i++) {
            double r = (f[i] - line.at(n[i])) / f[i];
            e += r * r;
        }
        return e;
    }
}
