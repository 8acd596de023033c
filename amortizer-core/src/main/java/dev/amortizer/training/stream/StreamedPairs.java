package dev.amortizer.training.stream;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.random.Rng;
import dev.amortizer.training.EpochPass;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.Learner;
import dev.amortizer.training.Standardization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Chunked pairs made ready for training without holding them: one pass over the chunks drops (and counts) or refuses
 * pairs with a NaN or infinite value, holds out the rows its {@link HeldOutRule} picks (kept in memory, standardised,
 * for the validation loss) and fits the {@link Standardization} on the training rows with {@link RunningMoments}.
 * Each epoch ({@link #pass}) then visits the chunks in an order shuffled by the epoch's generator, a window of
 * {@code windowChunks} chunks at a time: their training rows are mapped, standardised into one buffer, handed to the
 * learner's {@link WindowSink} and stepped on in minibatches shuffled within the window. Memory holds the window and
 * the held-out rows, whatever the number of pairs. {@link #forEachChunk} is one pass in the chunks' own order, for
 * what is fitted on the training rows before the epochs.
 *
 * <p>{@code StreamedPairs s = StreamedPairs.prepare(chunks, new HeldOutRule(seed, 0.1), DROP, identity());}
 */
public final class StreamedPairs {
    /** Chunks shuffled together in memory by default. */
    public static final int WINDOW_CHUNKS = 4;

    private final ChunkedPairs pairs;
    private final HeldOutRule rule;
    private final UnaryOperator<double[]> thetaMap;
    private final Standardization standardization;
    private final long trainingRows;
    private final long dropped;
    private final double[] heldMappedTheta;
    private final double[] heldTheta;
    private final double[] heldX;

    /** Receives each window's standardised training rows (flat, row-major; the first {@code rows} rows count). */
    @FunctionalInterface
    public interface WindowSink {
        void load(double[] theta, double[] x, int rows);
    }

    private StreamedPairs(ChunkedPairs pairs, HeldOutRule rule, UnaryOperator<double[]> thetaMap,
                          Standardization standardization, long trainingRows, long dropped, double[] heldMappedTheta,
                          double[] heldTheta, double[] heldX) {
        this.pairs = pairs;
        this.rule = rule;
        this.thetaMap = thetaMap;
        this.standardization = standardization;
        this.trainingRows = trainingRows;
        this.dropped = dropped;
        this.heldMappedTheta = heldMappedTheta;
        this.heldTheta = heldTheta;
        this.heldX = heldX;
    }

    /**
     * The one pass: drops or refuses non-finite pairs ({@code policy}), maps each kept θ by {@code thetaMap} (NPE's
     * bijection, or the identity), holds out what {@code rule} picks and fits the standardisation on the rest.
     */
    public static StreamedPairs prepare(ChunkedPairs pairs, HeldOutRule rule, InvalidSimulations policy,
                                        UnaryOperator<double[]> thetaMap) throws IOException {
        return prepare(pairs, rule, policy, thetaMap, true);
    }

    /**
     * As {@link #prepare(ChunkedPairs, HeldOutRule, InvalidSimulations, UnaryOperator)}, with {@code scaleX} false
     * leaving x as it is (a summary network scales its raw input itself).
     */
    public static StreamedPairs prepare(ChunkedPairs pairs, HeldOutRule rule, InvalidSimulations policy,
                                        UnaryOperator<double[]> thetaMap, boolean scaleX) throws IOException {
        int d = pairs.thetaDim();
        int e = pairs.xDim();
        RunningMoments thetaMoments = new RunningMoments(d);
        RunningMoments xMoments = new RunningMoments(e);
        DoubleStream.Builder heldTheta = DoubleStream.builder();
        DoubleStream.Builder heldX = DoubleStream.builder();
        long dropped = 0;
        for (int c = 0; c < pairs.chunks(); c++) {
            ChunkFile.Rows chunk = pairs.read(c);
            for (int r = 0; r < pairs.rowsIn(c); r++) {
                long row = pairs.firstRow(c) + r;
                if (!finite(chunk, r, d, e)) {
                    if (policy == InvalidSimulations.FAIL) {
                        throw new IllegalArgumentException("pair " + (row + 1) + " of " + pairs.rows()
                                + " has NaN or infinite values, and the policy is FAIL");
                    }
                    dropped++;
                    continue;
                }
                double[] theta = thetaMap.apply(Arrays.copyOfRange(chunk.theta(), r * d, (r + 1) * d));
                if (rule.heldOut(row)) {
                    for (double v : theta) {
                        heldTheta.add(v);
                    }
                    for (int j = 0; j < e; j++) {
                        heldX.add(chunk.x()[r * e + j]);
                    }
                } else {
                    thetaMoments.add(theta, 0);
                    xMoments.add(chunk.x(), r * e);
                }
            }
        }
        double[] mapped = heldTheta.build().toArray();
        long held = mapped.length / d;
        if (held < 1 || thetaMoments.count() < 1) {
            throw new IllegalArgumentException("need at least one training and one held-out pair with finite values,"
                    + " got " + thetaMoments.count() + " and " + held + " of " + pairs.rows() + " (" + dropped
                    + " dropped for NaN or infinite values)");
        }
        Standardization fitted = Standardization.of(thetaMoments.mean(), thetaMoments.sd(), xMoments.mean(),
                xMoments.sd());
        Standardization s = scaleX ? fitted : fitted.withIdentityX();
        double[] z = mapped.clone();
        double[] x = heldX.build().toArray();
        standardize(z, s.thetaMean(), s.thetaSd());
        standardize(x, s.xMean(), s.xSd());
        return new StreamedPairs(pairs, rule, thetaMap, s, thetaMoments.count(), dropped, mapped, z, x);
    }

    public Standardization standardization() {
        return standardization;
    }

    /** All pairs on disk, dropped ones included. */
    public int rows() {
        return pairs.rows();
    }

    public long trainingRows() {
        return trainingRows;
    }

    public long dropped() {
        return dropped;
    }

    public int heldRows() {
        return heldTheta.length / pairs.thetaDim();
    }

    /** Held-out θ, mapped and standardised, flat. */
    public double[] heldTheta() {
        return heldTheta.clone();
    }

    /** Held-out x, standardised, flat. */
    public double[] heldX() {
        return heldX.clone();
    }

    /** Held-out θ mapped but not standardised (u, for the bijection's log-Jacobian), flat. */
    public double[] heldMappedTheta() {
        return heldMappedTheta.clone();
    }

    /** The held-out rows, standardised, as rows: z = θ (mapped), c = x. */
    public FlowTrainer.Rows heldOut() {
        return FlowTrainer.Rows.ofFlat(heldTheta, heldX, heldRows(), pairs.thetaDim(), pairs.xDim());
    }

    /**
     * An epoch over the training rows, {@link #WINDOW_CHUNKS} chunks in memory at a time, each window given to
     * {@code sink} as standardised rows (z = θ, c = x): what a trainer whose objective takes its training rows from
     * the stream needs.
     */
    public EpochPass windows(Consumer<FlowTrainer.Rows> sink) {
        int d = pairs.thetaDim();
        int e = pairs.xDim();
        return pass(WINDOW_CHUNKS, (theta, x, rows) -> sink.accept(FlowTrainer.Rows.ofFlat(theta, x, rows, d, e)));
    }

    /** An epoch over the training rows, {@code windowChunks} chunks in memory at a time, each given to {@code sink}. */
    public EpochPass pass(int windowChunks, WindowSink sink) {
        if (windowChunks < 1) {
            throw new IllegalArgumentException("a window must hold at least one chunk, got " + windowChunks);
        }
        return new WindowedEpoch(this, windowChunks, sink);
    }

    /**
     * One pass over the training rows in the chunks' own order, each chunk's rows (mapped, standardised) given to
     * {@code sink}: for what is fitted on all training rows before the epochs, such as a flow's linear shift. The
     * order is fixed, so two passes see the same rows in the same order.
     */
    public void forEachChunk(WindowSink sink) {
        double[] theta = new double[pairs.chunkRows() * pairs.thetaDim()];
        double[] x = new double[pairs.chunkRows() * pairs.xDim()];
        int[] chunks = IntStream.range(0, pairs.chunks()).toArray();
        for (int c = 0; c < chunks.length; c++) {
            int rows = fill(chunks, c, c + 1, theta, x);
            if (rows > 0) {
                sink.load(theta, x, rows);
            }
        }
    }

    /**
     * The training rows as (θ, x) rows, mapped and standardised, in the order {@link #forEachChunk} reads them: a fit
     * over all of them (a linear shift's regression) streams them as often as it needs.
     */
    public ConditionalRows conditionalRows() {
        int d = pairs.thetaDim();
        int e = pairs.xDim();
        return each -> forEachChunk((theta, x, rows) -> {
            for (int r = 0; r < rows; r++) {
                each.accept(Arrays.copyOfRange(theta, r * d, (r + 1) * d), Arrays.copyOfRange(x, r * e, (r + 1) * e));
            }
        });
    }

    /** Reads chunks {@code order[from … to)} and writes their training rows, standardised, into the buffers. */
    int fill(int[] order, int from, int to, double[] theta, double[] x) {
        int d = pairs.thetaDim();
        int e = pairs.xDim();
        double[] tm = standardization.thetaMean();
        double[] ts = standardization.thetaSd();
        double[] xm = standardization.xMean();
        double[] xs = standardization.xSd();
        int m = 0;
        for (int k = from; k < to; k++) {
            int c = order[k];
            ChunkFile.Rows chunk;
            try {
                chunk = pairs.read(c);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read chunk " + c + " of the streamed simulations", ex);
            }
            for (int r = 0; r < pairs.rowsIn(c); r++) {
                if (!finite(chunk, r, d, e) || rule.heldOut(pairs.firstRow(c) + r)) {
                    continue;
                }
                double[] u = thetaMap.apply(Arrays.copyOfRange(chunk.theta(), r * d, (r + 1) * d));
                for (int j = 0; j < d; j++) {
                    theta[m * d + j] = (u[j] - tm[j]) / ts[j];
                }
                for (int j = 0; j < e; j++) {
                    x[m * e + j] = (chunk.x()[r * e + j] - xm[j]) / xs[j];
                }
                m++;
            }
        }
        return m;
    }

    ChunkedPairs pairs() {
        return pairs;
    }

    private static void standardize(double[] flat, double[] mean, double[] sd) {
        for (int i = 0; i < flat.length; i++) {
            int j = i % mean.length;
            flat[i] = (flat[i] - mean[j]) / sd[j];
        }
    }

    private static boolean finite(ChunkFile.Rows chunk, int r, int d, int e) {
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(chunk.theta()[r * d + j])) {
                return false;
            }
        }
        for (int j = 0; j < e; j++) {
            if (!Double.isFinite(chunk.x()[r * e + j])) {
                return false;
            }
        }
        return true;
    }

    /** One epoch: chunks in a seeded order, a window at a time, rows shuffled within the window. */
    private static final class WindowedEpoch implements EpochPass {
        private final StreamedPairs data;
        private final int windowChunks;
        private final WindowSink sink;
        private double[] theta;
        private double[] x;

        WindowedEpoch(StreamedPairs data, int windowChunks, WindowSink sink) {
            this.data = data;
            this.windowChunks = windowChunks;
            this.sink = sink;
        }

        @Override
        public void run(Learner learner, int batchSize, Rng epochRng) {
            ChunkedPairs pairs = data.pairs();
            int window = Math.min(windowChunks, pairs.chunks());
            if (theta == null) {
                theta = new double[window * pairs.chunkRows() * pairs.thetaDim()];
                x = new double[window * pairs.chunkRows() * pairs.xDim()];
            }
            int[] chunks = IntStream.range(0, pairs.chunks()).toArray();
            epochRng.shuffle(chunks);
            for (int from = 0; from < chunks.length; from += window) {
                int rows = data.fill(chunks, from, Math.min(chunks.length, from + window), theta, x);
                if (rows == 0) {
                    continue;
                }
                sink.load(theta, x, rows);
                int[] order = IntStream.range(0, rows).toArray();
                epochRng.shuffle(order);
                for (int b = 0; b < rows; b += batchSize) {
                    learner.step(order, b, Math.min(rows, b + batchSize), epochRng.split());
                }
            }
        }
    }
}
