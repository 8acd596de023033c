package dev.amortizer.direct;

import java.util.Arrays;

/**
 * The post-warm-up draws of every chain, kept in order. {@link #thinEvenly} reads them as one
 * sequence (chain 1's draws, then chain 2's, …) of length N and takes rows ⌊iN/n⌋, i = 0 … n − 1:
 * an even thinning when N ≥ n, and an even repetition (each draw ⌊n/N⌋ or ⌈n/N⌉ times) when N < n.
 */
final class PooledDraws {
    private final int dim;
    private final double[][] values;
    private final int[] counts;

    PooledDraws(int chains, int dim) {
        this.dim = dim;
        this.values = new double[chains][0];
        this.counts = new int[chains];
    }

    void add(int chain, double[] position) {
        int needed = (counts[chain] + 1) * dim;
        if (needed > values[chain].length) {
            values[chain] = Arrays.copyOf(values[chain], Math.max(needed, 2 * values[chain].length));
        }
        System.arraycopy(position, 0, values[chain], counts[chain] * dim, dim);
        counts[chain]++;
    }

    /** C, the number of chains. */
    int chains() {
        return counts.length;
    }

    /** The draws of chain {@code c} so far, one row each. */
    double[][] chain(int c) {
        return chain(c, 0, counts[c]);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of chain {@code c}. */
    double[][] chain(int c, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = Arrays.copyOfRange(values[c], i * dim, (i + 1) * dim);
        }
        return out;
    }

    /** The number of draws of chain {@code c}. */
    int count(int c) {
        return counts[c];
    }

    /** N, all draws of all chains. */
    long size() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** {@code n} rows spread evenly over the pooled draws; there must be at least one draw. */
    double[][] thinEvenly(int n) {
        long total = size();
        if (total == 0) {
            throw new IllegalStateException("no draws to thin");
        }
        double[][] out = new double[n][];
        int chain = 0;
        long chainStart = 0;
        for (int i = 0; i < n; i++) {
            long index = i * total / n;
            while (index >= chainStart + counts[chain]) {
                chainStart += counts[chain];
                chain++;
            }
            int row = (int) (index - chainStart);
            out[i] = Arrays.copyOfRange(values[chain], row * dim, (row + 1) * dim);
        }
        return out;
    }
}
