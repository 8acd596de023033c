package dev.amortizer.training;

import dev.amortizer.task.DataSupport;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Finds the columns of x to read on the log scale: those positive in every kept pair whose training values a
 * log-normal fits better than a normal by more than {@value #MIN_GAIN} nats per pair. A positive quantity spread over
 * decades, like lotka_volterra's populations (from under 1 to over 100, with multiplicative noise), standardised as
 * it is puts most pairs in a sliver near its lower end and a few far out, which a network fits poorly; its log is
 * spread evenly. The comparison is Box–Cox's for λ = 0 against λ = 1, both fitted by maximum likelihood and compared
 * in x's own units (the log-normal's density carries the Jacobian 1/x):
 * gain = ½·ln σ²(x) − ½·ln σ²(ln x) − mean(ln x) per pair. It does not change with the column's unit (x → c·x), and
 * is about 0 for a positive column whose spread is small against its level (where a log changes nothing). Columns of
 * counts with zeros, or of signed values, are read as they are, and so is a column whose task states that it may
 * hold negative values ({@link #signedBySupport}), however positive the pairs: a model reading it as ln x would refuse
 * observations the task allows (theis's drawdowns, near 0 under gauge noise early on). Deterministic.
 */
public final class LogScale {
    /**
     * Nats per pair by which a log-normal must beat a normal. lotka_volterra's populations gain 0.4–2.7; a column
     * with multiplicative noise of 10% around a fixed level (its initial values) gains 0.01.
     */
    static final double MIN_GAIN = 0.1;
    /** The most training rows the fit reads: the gain's two moments are settled long before. */
    static final int MAX_ROWS = 100_000;

    private LogScale() {
    }

    /**
     * The 0-based columns to read on the log scale, increasing: those not in {@code skipped} (increasing; columns
     * ignored anyway) that are positive in every row of {@code positiveIn} and gain more than {@value #MIN_GAIN} nats
     * per row over the first {@value #MAX_ROWS} of {@code fitted}.
     */
    public static int[] columns(double[][] x, int[] fitted, int[] positiveIn, int[] skipped) {
        if (fitted.length < 2) {
            return new int[0];
        }
        int dim = x[fitted[0]].length;
        int[] out = new int[dim];
        int n = 0;
        for (int j = 0; j < dim; j++) {
            if (Arrays.binarySearch(skipped, j) < 0 && positive(x, positiveIn, j)
                    && gain(x, fitted, j) > MIN_GAIN) {
                out[n++] = j;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Column j's log-likelihood per row of a log-normal fit less that of a normal fit, over the first
     * {@value #MAX_ROWS} of {@code rows} (every value positive); negative infinity for a constant column.
     */
    public static double gain(double[][] x, int[] rows, int j) {
        int n = Math.min(rows.length, MAX_ROWS);
        double mean = 0;
        double logMean = 0;
        for (int k = 0; k < n; k++) {
            double v = x[rows[k]][j];
            mean += v;
            logMean += Math.log(v);
        }
        mean /= n;
        logMean /= n;
        double var = 0;
        double logVar = 0;
        for (int k = 0; k < n; k++) {
            double v = x[rows[k]][j];
            var += (v - mean) * (v - mean);
            logVar += (Math.log(v) - logMean) * (Math.log(v) - logMean);
        }
        if (!(var > 0) || !(logVar > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return 0.5 * Math.log(var / n) - 0.5 * Math.log(logVar / n) - logMean;
    }

    /**
     * The 0-based columns, increasing, that {@code support} says may hold a negative value: a lower bound below 0,
     * other than the {@link DataSupport#unchecked} bound of a task that states nothing.
     */
    public static int[] signedBySupport(DataSupport support) {
        return IntStream.range(0, support.dim())
                .filter(j -> support.lower(j) < 0 && support.lower(j) > -DataSupport.OVERFLOW_BOUND).toArray();
    }

    /** Whether column j is positive in every row of {@code rows}. */
    public static boolean positive(double[][] x, int[] rows, int j) {
        for (int r : rows) {
            if (!(x[r][j] > 0)) {
                return false;
            }
        }
        return true;
    }
}
