package dev.amortizer.flow;

import java.util.Arrays;
import java.util.List;

/** z'_i = z_{π(i)}: a fixed reordering between transforms, with log-det 0. */
final class Permutation implements FlowLayer {
    private final int[] order;
    private final int[] inverseOrder;

    Permutation(int[] order) {
        int[] seen = new int[order.length];
        for (int o : order) {
            if (o < 0 || o >= order.length || seen[o]++ > 0) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(order));
            }
        }
        this.order = order.clone();
        this.inverseOrder = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverseOrder[order[i]] = i;
        }
    }

    /** D − 1, …, 0. */
    static Permutation reverse(int dim) {
        int[] o = new int[dim];
        for (int i = 0; i < dim; i++) {
            o[i] = dim - 1 - i;
        }
        return new Permutation(o);
    }

    int[] order() {
        return order.clone();
    }

    @Override
    public double[][] forward(double[][] z, double[][] context, double[] logDet, LayerTape tape) {
        return permute(z, order);
    }

    @Override
    public double[][] backward(LayerTape tape, double[][] g, double logDetWeight, double[][] grads, int offset) {
        return permute(g, inverseOrder);
    }

    @Override
    public double[][] inverse(double[][] zPrime, double[][] context) {
        return permute(zPrime, inverseOrder);
    }

    @Override
    public List<double[]> parameters() {
        return List.of();
    }

    private static double[][] permute(double[][] z, int[] by) {
        double[][] out = new double[z.length][by.length];
        for (int r = 0; r < z.length; r++) {
            for (int i = 0; i < by.length; i++) {
                out[r][i] = z[r][by[i]];
            }
        }
        return out;
    }
}
