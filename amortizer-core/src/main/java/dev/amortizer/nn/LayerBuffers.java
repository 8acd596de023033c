package dev.amortizer.nn;

import java.util.Arrays;

/**
 * One layer's reusable row arrays, owned by an {@link Mlp.Tape}: its outputs, its ∂L/∂input rows and W transposed.
 * Reused from one batch to the next they stay in cache, where arrays allocated per batch are fresh memory each time;
 * reusing them took about a tenth off an epoch of C2ST's classifier (amortizer-bench/results/c2st-vs-sklearn.md).
 */
final class LayerBuffers {
    private double[][] outputs;
    private double[][] inputGradients;
    private double[][] transposed;

    /** {@code rows} arrays of length {@code width} for the layer's outputs; their contents are stale. */
    double[][] outputs(int rows, int width) {
        outputs = grown(outputs, rows, width);
        return view(outputs, rows);
    }

    /** {@code rows} arrays of length {@code width} for ∂L/∂input; their contents are stale. */
    double[][] inputGradients(int rows, int width) {
        inputGradients = grown(inputGradients, rows, width);
        return view(inputGradients, rows);
    }

    /** An {@code rows} × {@code cols} array for W transposed; its contents are stale. */
    double[][] transposed(int rows, int cols) {
        if (transposed == null || transposed.length != rows || (rows > 0 && transposed[0].length != cols)) {
            transposed = new double[rows][cols];
        }
        return transposed;
    }

    private static double[][] grown(double[][] pool, int rows, int width) {
        if (pool != null && pool.length >= rows && (pool.length == 0 || pool[0].length == width)) {
            return pool;
        }
        return new double[rows][width];
    }

    /** The first {@code rows} arrays of {@code pool}: the pool itself when it has exactly that many. */
    private static double[][] view(double[][] pool, int rows) {
        return pool.length == rows ? pool : Arrays.copyOf(pool, rows);
    }
}
