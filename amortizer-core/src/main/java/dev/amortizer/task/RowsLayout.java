package dev.amortizer.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * A fixed number of exchangeable rows of w values each, flattened row by row: x = (y_1, …, y_n), row i at offsets
 * (i−1)·w … i·w − 1. Exchangeable means the rows' order carries nothing about θ (i.i.d. replicates given θ, as
 * slcp's four points), so p(θ | x) is the same for every order of the rows. An NPE without a summary network then
 * reads x with its rows in one canonical order ({@link #canonical}): the network need not learn from pairs that the
 * n! orders of a set are the same observation.
 *
 * <p>{@code Optional<DataLayout> dataLayout() { return Optional.of(new RowsLayout(4, 2)); }}
 *
 * @param rows  n, the number of rows (2..100,000)
 * @param width w, values per row (1..10,000)
 */
public record RowsLayout(int rows, int width) implements DataLayout {
    public RowsLayout {
        if (rows < 2 || rows > 100_000) {
            throw new IllegalArgumentException("rows must be in 2..100000, got " + rows);
        }
        if (width < 1 || width > 10_000) {
            throw new IllegalArgumentException("width must be in 1..10000, got " + width);
        }
    }

    /**
     * {@code task} declaring its x as exchangeable rows of {@code width} values: the task itself where it declares
     * those rows already; with {@code width} 0, the task with its x read as given (no layout) where it declares rows,
     * itself otherwise. Refused, saying why, where the task has another layout of its own or its data are not two or
     * more rows of that width.
     */
    public static Task declaredOn(Task task, int width) {
        Optional<DataLayout> declared = task.dataLayout();
        if (width == 0) {
            return declared.orElse(null) instanceof RowsLayout ? withLayout(task, Optional.empty()) : task;
        }
        boolean whole = width >= 1 && task.dataDim() % width == 0 && task.dataDim() / width >= 2;
        if (declared.isPresent()) {
            if (whole && declared.get().equals(new RowsLayout(task.dataDim() / width, width))) {
                return task;
            }
            throw new IllegalArgumentException("task " + task.name() + " declares its data's layout already ("
                    + declared.get() + ")");
        }
        if (!whole) {
            throw new IllegalArgumentException("task " + task.name() + "'s " + task.dataDim() + " data values are"
                    + " not two or more whole rows of " + width);
        }
        RowsLayout rows = new RowsLayout(task.dataDim() / width, width);
        return withLayout(task, Optional.of(rows));
    }

    private static Task withLayout(Task task, Optional<DataLayout> layout) {
        return new ForwardingTask(task) {
            @Override
            public Optional<DataLayout> dataLayout() {
                return layout;
            }
        };
    }

    @Override
    public int flatLength() {
        return rows * width;
    }

    /** "y_i_j" for row i, column j (1-based). */
    @Override
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(flatLength());
        for (int i = 1; i <= rows; i++) {
            for (int j = 1; j <= width; j++) {
                names.add("y_" + i + "_" + j);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public void check(double[] x) {
        if (x.length != flatLength()) {
            throw new IllegalArgumentException(rows + " rows of " + width + " values are " + flatLength()
                    + " values, got " + x.length);
        }
    }

    /** A copy of {@code x} with its rows in this layout's canonical order ({@link #canonical(double[], int)}). */
    public double[] canonical(double[] x) {
        check(x);
        return canonical(x, width);
    }

    /** Whether {@code x}'s rows of {@code width} values are in canonical order ({@link #canonical(double[], int)}). */
    public static boolean inCanonicalOrder(double[] x, int width) {
        requireRows(x, width);
        for (int at = width; at < x.length; at += width) {
            if (compareRows(x, at - width, at, width) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy of {@code x} (a whole number of rows of {@code width} values) with its rows in lexicographic order:
     * by their first value, ties by the second, and so on; each row stays whole. Rows equal in every value (−0 and
     * 0 counted equal) are interchangeable to every reader of x, so the result depends only on the set of rows.
     */
    public static double[] canonical(double[] x, int width) {
        requireRows(x, width);
        Integer[] order = new Integer[x.length / width];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> compareRows(x, a * width, b * width, width));
        double[] out = new double[x.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(x, order[k] * width, out, k * width, width);
        }
        return out;
    }

    /**
     * The widest rows whose moments NPE reads beside them ({@link #moments}): their count grows as w², and past 10
     * values per row (65 moments) they would outnumber the values of any but very long sets.
     */
    public static final int MOMENTS_MAX_WIDTH = 10;

    /** How many values {@link #moments} gives for rows of {@code width}: w means and w(w + 1)/2 covariances. */
    public static int momentCount(int width) {
        return width + width * (width + 1) / 2;
    }

    /**
     * The rows' mean (w values) then their covariance's upper triangle, row by row (divisor the number of rows), of
     * {@code x}, a whole number of rows of {@code width} values. Both are the same for every order of the rows; for
     * i.i.d. Gaussian rows they are sufficient statistics, which a network fitted to sorted rows would otherwise have
     * to learn to compute (on slcp at 10⁴ pairs, read by flows 128 wide, they took 0.006–0.021 off the mean C2ST).
     */
    public static double[] moments(double[] x, int width) {
        requireRows(x, width);
        int rows = x.length / width;
        double[] out = new double[momentCount(width)];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                out[j] += x[r * width + j] / rows;
            }
        }
        int k = width;
        for (int a = 0; a < width; a++) {
            for (int b = a; b < width; b++) {
                double c = 0;
                for (int r = 0; r < rows; r++) {
                    c += (x[r * width + a] - out[a]) * (x[r * width + b] - out[b]) / rows;
                }
                out[k++] = c;
            }
        }
        return out;
    }

    /**
     * Names of the {@link #moments} of rows of {@code width} values, in their order: "rows_mean_j", then
     * "rows_cov_a_b" for a ≤ b (1-based columns of a row; a = b the variance).
     */
    public static List<String> momentNames(int width) {
        List<String> names = new ArrayList<>(momentCount(width));
        for (int j = 1; j <= width; j++) {
            names.add("rows_mean_" + j);
        }
        for (int a = 1; a <= width; a++) {
            for (int b = a; b <= width; b++) {
                names.add("rows_cov_" + a + "_" + b);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The 0-based offsets, among the {@link #moments} of rows of {@code width} values, of those that may be negative
     * whatever pairs showed: the mean of each row column j (0-based) that {@code signedColumn} says may be negative,
     * and every covariance between two columns; a variance never is.
     */
    public static int[] momentsThatMayBeNegative(int width, IntPredicate signedColumn) {
        IntStream.Builder out = IntStream.builder();
        for (int j = 0; j < width; j++) {
            if (signedColumn.test(j)) {
                out.add(j);
            }
        }
        int k = width;
        for (int a = 0; a < width; a++) {
            for (int b = a; b < width; b++, k++) {
                if (a != b) {
                    out.add(k);
                }
            }
        }
        return out.build().toArray();
    }

    /** {@code x} followed by its rows' {@link #moments}. */
    public static double[] withMoments(double[] x, int width) {
        double[] m = moments(x, width);
        double[] out = Arrays.copyOf(x, x.length + m.length);
        System.arraycopy(m, 0, out, x.length, m.length);
        return out;
    }

    private static void requireRows(double[] x, int width) {
        if (width < 1 || x.length % width != 0) {
            throw new IllegalArgumentException(x.length + " values are not a whole number of rows of " + width);
        }
    }

    /** The rows at offsets {@code a} and {@code b} compared value by value; + 0.0 makes −0 equal to 0. */
    private static int compareRows(double[] x, int a, int b, int width) {
        for (int k = 0; k < width; k++) {
            int c = Double.compare(x[a + k] + 0.0, x[b + k] + 0.0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
