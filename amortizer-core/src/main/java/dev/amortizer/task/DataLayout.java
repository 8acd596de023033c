package dev.amortizer.task;

import java.util.List;

/**
 * How a task's flat observation x ∈ R^d is structured, for the estimators that exploit the structure: a
 * {@link SetLayout} (an i.i.d. set of m rows, m varying) or a {@link SeriesLayout} (a raw time series), for summary
 * networks; a {@link RowsLayout} (a fixed number of exchangeable rows), which NPE reads in one canonical order.
 * Tasks without a layout ({@link Task#dataLayout()} empty) are plain vectors.
 */
public sealed interface DataLayout permits SetLayout, SeriesLayout, RowsLayout {
    /** d, the length of the flat x this layout describes. */
    int flatLength();

    /** Column names of the flat x. */
    List<String> columnNames();

    /**
     * Checks one flat x against the layout (length, and for sets the size and the padding), naming what is wrong;
     * non-finite values are the caller's to check.
     */
    void check(double[] x);
}
