package dev.amortizer.bench.plan;

/**
 * Fits a {@link PowerLaw} by least squares in log space: for each floor on a grid from 0 to half the smallest
 * observed excess, log(excess − floor) is linear in log x, and the floor with the smallest squared error in
 * log(excess) wins (ties go to the smaller floor). Half, not all: with a handful of pilot points a free floor
 * would absorb the whole trend; the cap says at most half of what is left at the best point is irreducible.
 */
public final class PowerLawFit {
    /** Excesses below this (a value at or under perfect + noise) are clamped: the log needs a positive number. */
    static final double MIN_EXCESS = 0.002;
    private static final int FLOORS = 41;

    private PowerLawFit() {
    }

    /** The C2ST curve through points (x_i, C2ST_i); at least two distinct x, all x > 0. */
    public static PowerLaw fit(double[] x, double[] c2st) {
        return fit(x, c2st, Measure.C2ST.perfect());
    }

    /** The curve through points (x_i, value_i) decaying toward {@code perfect}; at least two distinct x, all x > 0. */
    public static PowerLaw fit(double[] x, double[] value, double perfect) {
        if (x.length != value.length || x.length < 2) {
            throw new IllegalArgumentException("a learning curve needs at least two points, got " + x.length);
        }
        double[] excess = new double[x.length];
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0)) {
                throw new IllegalArgumentException("learning-curve x must be > 0, got " + x[i]);
            }
            excess[i] = Math.max(value[i] - perfect, MIN_EXCESS);
            smallest = Math.min(smallest, excess[i]);
        }
        PowerLaw best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int k = 0; k < FLOORS; k++) {
            double floor = 0.5 * smallest * k / (FLOORS - 1);
            PowerLaw candidate = withFloor(x, excess, floor, perfect);
            double error = 0;
            for (int i = 0; i < x.length; i++) {
                double r = Math.log(excess[i]) - Math.log(candidate.at(x[i]) - perfect);
                error += r * r;
            }
            // a near-vertical trend (two costs a hair apart, accuracies far apart) overflows x^(-b): not a curve
            if (Double.isFinite(error) && error < bestError - 1e-12) {
                bestError = error;
                best = candidate;
            }
        }
        return best != null ? best : flat(excess, perfect);
    }

    /** No trend: the geometric mean of the excesses at every x. */
    private static PowerLaw flat(double[] excess, double perfect) {
        double mean = 0;
        for (double e : excess) {
            mean += Math.log(e) / excess.length;
        }
        return new PowerLaw(Math.exp(mean), 0, 0, perfect);
    }

    /** Least squares of log(excess − floor) on log x; a rising fit (b < 0) becomes flat, b = 0. */
    private static PowerLaw withFloor(double[] x, double[] excess, double floor, double perfect) {
        double[] lx = new double[x.length];
        double[] ly = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(excess[i] - floor);
        }
        LogLine line = LogLine.fitLogs(lx, ly);
        if (line.slope() > 0) {
            double mean = 0;
            for (double v : ly) {
                mean += v / ly.length;
            }
            return new PowerLaw(Math.exp(mean), 0, floor, perfect);
        }
        return new PowerLaw(Math.exp(line.intercept()), -line.slope(), floor, perfect);
    }
}
