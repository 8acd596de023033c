package dev.amortizer.bench.plan;

/**
 * A power law y = e^intercept · x^slope, fitted as a straight line in log–log space: the planner's form for costs
 * (training cost against simulations, per-query cost against a direct method's budget), which are close to linear
 * in their budgets but may carry a constant overhead the slope absorbs.
 *
 * @param intercept log y at x = 1
 * @param slope     d log y / d log x
 */
public record LogLine(double intercept, double slope) {
    /** y at x. */
    public double at(double x) {
        return Math.exp(intercept + slope * Math.log(x));
    }

    /** The line through (x_i, y_i), all positive; a single x gives a flat line through their geometric mean. */
    public static LogLine fit(double[] x, double[] y) {
        double[] lx = new double[x.length];
        double[] ly = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("a log-log fit needs positive numbers, got (" + x[i] + ", " + y[i]
                        + ")");
            }
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
        }
        return fitLogs(lx, ly);
    }

    /** Ordinary least squares of ly on lx. */
    static LogLine fitLogs(double[] lx, double[] ly) {
        if (lx.length == 0) {
            throw new IllegalArgumentException("a fit needs at least one point");
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < lx.length; i++) {
            mx += lx[i] / lx.length;
            my += ly[i] / lx.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < lx.length; i++) {
            sxy += (lx[i] - mx) * (ly[i] - my);
            sxx += (lx[i] - mx) * (lx[i] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return new LogLine(my - slope * mx, slope);
    }
}
