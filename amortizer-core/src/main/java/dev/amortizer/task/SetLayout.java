package dev.amortizer.task;

import java.util.ArrayList;
import java.util.List;

/**
 * An i.i.d. data set of m rows of width w, 1 ≤ m ≤ M, flattened into a fixed-length x so that every task, file and
 * command keeps its fixed-width rows: x = (m, y_1, …, y_m, 0, …, 0), length 1 + M·w, row i at offsets
 * 1 + (i−1)·w … i·w. The size m is the first value (it is part of the input), and rows past m are padding that must
 * be zero: the mask a batch of sets of different sizes needs is m itself.
 *
 * <p>{@code double[] x = SetLayout.of(100, 10).encode(rows);}
 *
 * @param maxSize M, the largest set (1..100,000)
 * @param width   w, values per row (1..10,000)
 */
public record SetLayout(int maxSize, int width) implements DataLayout {
    public SetLayout {
        if (maxSize < 1 || maxSize > 100_000) {
            throw new IllegalArgumentException("maxSize must be in 1..100000, got " + maxSize);
        }
        if (width < 1 || width > 10_000) {
            throw new IllegalArgumentException("width must be in 1..10000, got " + width);
        }
    }

    public static SetLayout of(int maxSize, int width) {
        return new SetLayout(maxSize, width);
    }

    @Override
    public int flatLength() {
        return 1 + maxSize * width;
    }

    /** "set_size", then "y_i_j" for row i, column j (1-based). */
    @Override
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(flatLength());
        names.add("set_size");
        for (int i = 1; i <= maxSize; i++) {
            for (int j = 1; j <= width; j++) {
                names.add("y_" + i + "_" + j);
            }
        }
        return List.copyOf(names);
    }

    /** The flat x of a set of {@code rows.length} rows. */
    public double[] encode(double[][] rows) {
        if (rows.length < 1 || rows.length > maxSize) {
            throw new IllegalArgumentException("a set must hold 1.." + maxSize + " rows, got " + rows.length);
        }
        double[] x = new double[flatLength()];
        x[0] = rows.length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("set row " + (i + 1) + " has " + rows[i].length
                        + " values, expected " + width);
            }
            System.arraycopy(rows[i], 0, x, 1 + i * width, width);
        }
        return x;
    }

    /** m, the set size stored in x (assumed checked). */
    public int size(double[] x) {
        return (int) x[0];
    }

    /** Offset of row i (0-based) in the flat x. */
    public int rowOffset(int i) {
        return 1 + i * width;
    }

    @Override
    public void check(double[] x) {
        if (x.length != flatLength()) {
            throw new IllegalArgumentException("a set of up to " + maxSize + " rows of " + width + " values is "
                    + flatLength() + " values (size first), got " + x.length);
        }
        double m = x[0];
        if (!(m >= 1 && m <= maxSize) || m != Math.rint(m)) {
            throw new IllegalArgumentException("value 1 (set_size) is " + m + ", expected a whole number in 1.."
                    + maxSize);
        }
        for (int i = (int) m; i < maxSize; i++) {
            for (int j = 0; j < width; j++) {
                double v = x[rowOffset(i) + j];
                if (v != 0) {
                    throw new IllegalArgumentException("set_size is " + (int) m + " but row " + (i + 1) + " (value "
                            + (rowOffset(i) + j + 1) + ", y_" + (i + 1) + "_" + (j + 1) + ") holds " + v
                            + "; rows past the set size are padding and must be 0");
                }
            }
        }
    }
}
