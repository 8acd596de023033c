package dev.amortizer.data;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable n-by-d matrix of draws (one row per draw) with a name per column.
 *
 * <p>Rows are copied on the way in and out, so a {@code Samples} never changes.
 * {@code Samples s = Samples.of(List.of("parameter_1", "parameter_2"), rows);}
 */
public final class Samples {
    private final List<String> names;
    private final int rows;
    private final int cols;
    private final double[] values; // row-major

    private Samples(List<String> names, int rows, double[] values) {
        this.names = List.copyOf(names);
        this.rows = rows;
        this.cols = names.size();
        this.values = values;
    }

    /** Copies {@code rows}; every row must have one value per name. */
    public static Samples of(List<String> names, double[][] rows) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("samples need at least one column");
        }
        int d = names.size();
        double[] values = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " values, expected " + d + " (" + names + ")");
            }
            System.arraycopy(rows[i], 0, values, i * d, d);
        }
        return new Samples(names, rows.length, values);
    }

    /** Takes ownership of a row-major array of {@code rows * names.size()} values. */
    static Samples wrap(List<String> names, int rows, double[] values) {
        if (values.length != rows * names.size()) {
            throw new IllegalArgumentException("expected " + rows * names.size() + " values, got " + values.length);
        }
        return new Samples(names, rows, values);
    }

    /** Column names {@code prefix_1 .. prefix_d}, as sbibm writes them. */
    public static List<String> defaultNames(String prefix, int d) {
        String[] names = new String[d];
        for (int i = 0; i < d; i++) {
            names[i] = prefix + "_" + (i + 1);
        }
        return List.of(names);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return rows;
    }

    public int dim() {
        return cols;
    }

    public double get(int row, int col) {
        return values[row * cols + col];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
    }

    /** A copy of all rows. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /** The first {@code n} rows (all of them if there are fewer). */
    public Samples head(int n) {
        int m = Math.min(n, rows);
        return new Samples(names, m, Arrays.copyOf(values, m * cols));
    }

    /** The same values under other column names. */
    public Samples withNames(List<String> newNames) {
        if (newNames.size() != cols) {
            throw new IllegalArgumentException("expected " + cols + " names, got " + newNames.size());
        }
        return new Samples(newNames, rows, values);
    }

    /** Per-column mean. */
    public double[] mean() {
        double[] m = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[j] += values[i * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            m[j] /= rows;
        }
        return m;
    }

    /** Per-column standard deviation with divisor n - 1. */
    public double[] sd() {
        double[] m = mean();
        double[] s = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = values[i * cols + j] - m[j];
                s[j] += d * d;
            }
        }
        for (int j = 0; j < cols; j++) {
            s[j] = Math.sqrt(s[j] / (rows - 1));
        }
        return s;
    }

    @Override
    public String toString() {
        return "Samples[" + rows + " x " + cols + " " + names + "]";
    }
}
