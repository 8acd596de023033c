package dev.amortizer.task;

import java.util.Arrays;
import java.util.List;

/**
 * Where a task's observations can lie, coordinate by coordinate: x_i ∈ [lower_i, upper_i] (the lower end open where
 * the simulator only gives positive values), optionally a whole number. Bounds come from the simulator where it
 * implies them (counts in [0, 1000], spikes in {0, 1}); for unbounded continuous data they are a documented finite
 * bound, {@value #SCALE_FACTOR} times the data's typical scale, which no simulation reaches but an overflow-prone
 * value such as 1e308 exceeds. A task that states nothing gets {@link #unchecked(int)}: ±{@value #OVERFLOW_BOUND},
 * past which squares overflow.
 *
 * <p>{@code DataSupport.counts(10, 1000).check(x, task.dataNames());}
 */
public final class DataSupport {
    /** How many typical scales a continuous value may be from zero. */
    public static final double SCALE_FACTOR = 1e6;
    /** The bound of a task that states no support: |x| beyond it overflows when squared. */
    public static final double OVERFLOW_BOUND = 1e150;

    private final double[] lower;
    private final double[] upper;
    private final boolean[] lowerOpen;
    private final boolean[] whole;

    private DataSupport(double[] lower, double[] upper, boolean[] lowerOpen, boolean[] whole) {
        for (int i = 0; i < lower.length; i++) {
            if (!(lower[i] < upper[i]) || !Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
                throw new IllegalArgumentException("coordinate " + (i + 1) + ": support [" + lower[i] + ", "
                        + upper[i] + "] must be a finite interval with lower < upper");
            }
        }
        this.lower = lower;
        this.upper = upper;
        this.lowerOpen = lowerOpen;
        this.whole = whole;
    }

    /** [−bound, bound]^d. */
    public static DataSupport symmetric(int d, double bound) {
        return box(d, -bound, bound, false);
    }

    /** Continuous data of typical scale {@code scale}: |x_i| ≤ {@value #SCALE_FACTOR}·scale. */
    public static DataSupport real(int d, double scale) {
        return symmetric(d, SCALE_FACTOR * scale);
    }

    /** What a task that states no support accepts: |x_i| ≤ {@value #OVERFLOW_BOUND}. */
    public static DataSupport unchecked(int d) {
        return symmetric(d, OVERFLOW_BOUND);
    }

    /** Whole numbers in [0, max]. */
    public static DataSupport counts(int d, int max) {
        return box(d, 0, max, true);
    }

    /** (0, upper]^d: positive data, such as log-normal noise. */
    public static DataSupport positive(int d, double upper) {
        double[] l = new double[d];
        double[] h = new double[d];
        boolean[] open = new boolean[d];
        Arrays.fill(h, upper);
        Arrays.fill(open, true);
        return new DataSupport(l, h, open, new boolean[d]);
    }

    /** [lo, hi]^d, whole numbers if {@code whole}. */
    public static DataSupport box(int d, double lo, double hi, boolean whole) {
        double[] l = new double[d];
        double[] h = new double[d];
        boolean[] w = new boolean[d];
        Arrays.fill(l, lo);
        Arrays.fill(h, hi);
        Arrays.fill(w, whole);
        return new DataSupport(l, h, new boolean[d], w);
    }

    /** This support with coordinate {@code i} (0-based) in [lo, hi], whole numbers if {@code whole}. */
    public DataSupport with(int i, double lo, double hi, boolean whole) {
        return with(i, lo, false, hi, whole);
    }

    /** This support with coordinate {@code i} in (lo, hi] (positive data such as log-normal noise when lo = 0). */
    public DataSupport withOpenLower(int i, double lo, double hi) {
        return with(i, lo, true, hi, false);
    }

    private DataSupport with(int i, double lo, boolean open, double hi, boolean isWhole) {
        double[] l = lower.clone();
        double[] h = upper.clone();
        boolean[] o = lowerOpen.clone();
        boolean[] w = whole.clone();
        l[i] = lo;
        h[i] = hi;
        o[i] = open;
        w[i] = isWhole;
        return new DataSupport(l, h, o, w);
    }

    public int dim() {
        return lower.length;
    }

    /**
     * A support given coordinate by coordinate, as {@link #lower(int)} and the others describe it (a model file
     * stores a task's support this way, to check observations without the task's code).
     */
    public static DataSupport of(double[] lower, double[] upper, boolean[] lowerOpen, boolean[] whole) {
        int d = lower.length;
        if (upper.length != d || lowerOpen.length != d || whole.length != d) {
            throw new IllegalArgumentException("a data support needs as many upper bounds, open flags and whole flags"
                    + " as lower bounds (" + d + "), got " + upper.length + ", " + lowerOpen.length + " and "
                    + whole.length);
        }
        return new DataSupport(lower.clone(), upper.clone(), lowerOpen.clone(), whole.clone());
    }

    /** Coordinate i's lower bound. */
    public double lower(int i) {
        return lower[i];
    }

    /** Coordinate i's upper bound. */
    public double upper(int i) {
        return upper[i];
    }

    /** Whether coordinate i excludes its lower bound. */
    public boolean lowerOpen(int i) {
        return lowerOpen[i];
    }

    /** Whether coordinate i takes whole numbers only. */
    public boolean whole(int i) {
        return whole[i];
    }

    /** Whether x lies in the support (and has its length). */
    public boolean contains(double[] x) {
        if (x.length != lower.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!contains(i, x[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int i, double v) {
        boolean aboveLower = lowerOpen[i] ? v > lower[i] : v >= lower[i];
        return aboveLower && v <= upper[i] && (!whole[i] || v == Math.rint(v));
    }

    /** Checks x, naming the first coordinate outside the support by its name, its value and the support. */
    public void check(double[] x, List<String> names) {
        if (x.length != lower.length) {
            throw new IllegalArgumentException("expected " + lower.length + " values, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!contains(i, x[i])) {
                throw new IllegalArgumentException("observation value " + (i + 1) + " (" + names.get(i) + ") is "
                        + x[i] + ", outside the data's support " + describe(i));
            }
        }
    }

    /** Coordinate i's support in words, such as {@code [0, 1000], whole numbers}. */
    public String describe(int i) {
        return (lowerOpen[i] ? "(" : "[") + lower[i] + ", " + upper[i] + "]" + (whole[i] ? ", whole numbers" : "");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DataSupport[");
        for (int i = 0; i < lower.length; i++) {
            s.append(i == 0 ? "" : "; ").append(describe(i));
        }
        return s.append(']').toString();
    }
}
