package dev.amortizer.npe;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.random.Rng;
import java.util.stream.IntStream;

/**
 * A flow's q(z | c). Draws are made in chunks of {@value #CHUNK} rows, each from its own generator split from the
 * caller's, and the chunks run in parallel: the draws depend on the seed and n only, never on the thread count.
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
        return flow.logProb(z, c);
    }

    @Override
    public byte[] weights() {
        return flow.parameterBytes();
    }
}
