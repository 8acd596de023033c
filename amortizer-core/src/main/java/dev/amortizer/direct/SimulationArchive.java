package dev.amortizer.direct;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The simulations (θᵢ, xᵢ) of a rejection-ABC run: rows with a NaN or infinite x are dropped and
 * counted; the others are kept with running per-coordinate moments of x (Welford), so the
 * standardised distance ‖(xᵢ − x_o) / s‖₂ uses the SD s of everything simulated so far.
 */
final class SimulationArchive {
    /** The k rows nearest x_o, nearest first, with their distances. */
    record Nearest(int[] rows, double[] distances) {
    }

    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private final int parameterDim;
    private final int dataDim;
    private double[] theta = new double[0];
    private double[] x = new double[0];
    private int size;
    private long invalid;
    private final double[] mean;
    private final double[] squaredDeviations;

    SimulationArchive(int parameterDim, int dataDim) {
        this.parameterDim = parameterDim;
        this.dataDim = dataDim;
        this.mean = new double[dataDim];
        this.squaredDeviations = new double[dataDim];
    }

    /** The most simulations an archive of these dimensions can hold. */
    static long capacity(int parameterDim, int dataDim) {
        return MAX_VALUES / Math.max(parameterDim, dataDim);
    }

    /** Adds one batch; {@code xs[i]} is the simulator's output for {@code thetas[i]}. */
    void add(double[][] thetas, double[][] xs) {
        if (xs.length != thetas.length) {
            throw new IllegalStateException("the simulator returned " + xs.length + " rows for " + thetas.length + " parameters");
        }
        ensureCapacity(size + thetas.length);
        for (int i = 0; i < thetas.length; i++) {
            if (xs[i].length != dataDim) {
                throw new IllegalStateException("the simulator returned a row of " + xs[i].length
                        + " values, expected " + dataDim);
            }
            if (!allFinite(xs[i])) {
                invalid++;
                continue;
            }
            System.arraycopy(thetas[i], 0, theta, size * parameterDim, parameterDim);
            System.arraycopy(xs[i], 0, x, size * dataDim, dataDim);
            size++;
            for (int j = 0; j < dataDim; j++) {
                double delta = xs[i][j] - mean[j];
                mean[j] += delta / size;
                squaredDeviations[j] += delta * (xs[i][j] - mean[j]);
            }
        }
    }

    /** Simulations kept (finite output). */
    int size() {
        return size;
    }

    /** Simulations dropped for NaN or infinite output. */
    long invalid() {
        return invalid;
    }

    /** θ of row {@code i}, a copy. */
    double[] parameters(int i) {
        return Arrays.copyOfRange(theta, i * parameterDim, (i + 1) * parameterDim);
    }

    /**
     * Per-coordinate scale s_j: the SD (divisor n − 1) of the kept x, or 1 where it is zero or
     * undefined, since a constant coordinate adds the same amount to every distance.
     */
    double[] scale() {
        double[] s = new double[dataDim];
        for (int j = 0; j < dataDim; j++) {
            double sd = size < 2 ? 0 : Math.sqrt(squaredDeviations[j] / (size - 1));
            s[j] = sd > 0 && Double.isFinite(sd) ? sd : 1;
        }
        return s;
    }

    /** The {@code k} rows closest to {@code observation} in standardised L2 distance; ties go to the earlier row. */
    Nearest nearest(double[] observation, int k) {
        double[] inverseScale = scale();
        for (int j = 0; j < dataDim; j++) {
            inverseScale[j] = 1 / inverseScale[j];
        }
        double[] squared = new double[size];
        for (int i = 0; i < size; i++) {
            double s = 0;
            for (int j = 0; j < dataDim; j++) {
                double z = (x[i * dataDim + j] - observation[j]) * inverseScale[j];
                s += z * z;
            }
            squared[i] = s;
        }
        // a max-heap of the best k so far: the worst kept row is on top
        PriorityQueue<Integer> kept = new PriorityQueue<>(k + 1, (a, b) -> {
            int byDistance = Double.compare(squared[b], squared[a]);
            return byDistance != 0 ? byDistance : Integer.compare(b, a);
        });
        for (int i = 0; i < size; i++) {
            if (kept.size() < k) {
                kept.add(i);
            } else if (squared[i] < squared[kept.peek()]) {
                kept.poll();
                kept.add(i);
            }
        }
        int[] rows = new int[kept.size()];
        double[] distances = new double[rows.length];
        for (int i = rows.length - 1; i >= 0; i--) {
            rows[i] = kept.poll();
            distances[i] = Math.sqrt(squared[rows[i]]);
        }
        return new Nearest(rows, distances);
    }

    private void ensureCapacity(int rows) {
        if ((long) rows * parameterDim > theta.length) {
            int grown = (int) Math.min(capacity(parameterDim, dataDim), Math.max(rows, 2L * size));
            theta = Arrays.copyOf(theta, grown * parameterDim);
            x = Arrays.copyOf(x, grown * dataDim);
        }
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
