package dev.amortizer.npe;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.random.Rng;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * A flow's q(z | c). Draws are made in chunks of {@value #CHUNK} rows, each from its own generator split from the
 * caller's, and the chunks run in parallel: the draws depend on the seed and n only, never on the thread count.
 * Densities are evaluated in the same parallel chunks.
 */
final class FlowDensity implements StandardizedDensity {
    static final int CHUNK = 1024;
    private final ConditionalFlow flow;

    FlowDensity(ConditionalFlow flow) {
        this.flow = flow;
    }

    static FlowDensity restore(FlowConfig config, int thetaDim, int xDim, byte[] bytes) {
        return new FlowDensity(ConditionalFlow.restore(config, thetaDim, xDim, bytes));
    }

    @Override
    public double[][] sample(double[] c, int n, Rng rng) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        Rng[] rngs = rng.split(chunks);
        double[][] rows = new double[n][];
        IntStream.range(0, chunks).parallel().forEach(k -> {
            int from = k * CHUNK;
            int size = Math.min(CHUNK, n - from);
            double[][] context = new double[size][];
            for (int r = 0; r < size; r++) {
                context[r] = c;
            }
            double[][] z = flow.sample(context, rngs[k]);
            System.arraycopy(z, 0, rows, from, size);
        });
        return rows;
    }

    @Override
    public double[] logProb(double[][] z, double[][] c) {
        return inChunks(z, c, flow::logProb);
    }

    /**
     * {@code logProb} of the rows in chunks of {@value #CHUNK}, run in parallel as the draws are: a density is read
     * as often as drawn from (importance weights need log q of every draw), and each row's value depends on that row
     * alone, so the result is the same for any thread count.
     */
    static double[] inChunks(double[][] z, double[][] c, BiFunction<double[][], double[][], double[]> logProb) {
        if (z.length <= CHUNK) {
            return logProb.apply(z, c);
        }
        double[] out = new double[z.length];
        IntStream.range(0, (z.length + CHUNK - 1) / CHUNK).parallel().forEach(k -> {
            int from = k * CHUNK;
            int to = Math.min(z.length, from + CHUNK);
            double[] part = logProb.apply(Arrays.copyOfRange(z, from, to), Arrays.copyOfRange(c, from, to));
            System.arraycopy(part, 0, out, from, to - from);
        });
        return out;
    }

    @Override
    public byte[] weights() {
        return flow.parameterBytes();
    }
}
