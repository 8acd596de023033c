package dev.amortizer.nn;

import java.util.function.BiConsumer;

/**
 * Rows z with their context c, visited in full and in the same order at every call: held in memory, or read back
 * from disk a window at a time, so that a fit over all rows (a {@link RidgeRegression}: the linear shifts of flows and
 * of the MDN) need not hold them at once.
 *
 * <p>{@code RidgeRegression.fit(ConditionalRows.of(z, c), z[0].length, c[0].length);}
 */
@FunctionalInterface
public interface ConditionalRows {
    /** Gives {@code each} every row (z, c) in turn; the arrays may be reused once it returns. */
    void forEach(BiConsumer<double[], double[]> each);

    /** The rows of two tables, row r of {@code z} with row r of {@code c}. */
    static ConditionalRows of(double[][] z, double[][] c) {
        return each -> {
            for (int r = 0; r < z.length; r++) {
                each.accept(z[r], c[r]);
            }
        };
    }
}
