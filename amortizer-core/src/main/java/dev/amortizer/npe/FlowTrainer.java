package dev.amortizer.npe;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Stopwatch;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.random.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;

/**
 * Minimises the mean −log q(z | c) of a {@link ConditionalFlow} over shuffled minibatches with Adam and global-norm
 * clipping, with the same schedule as the MDN: after each epoch the validation loss is measured, the best weights are
 * kept, the learning rate decays after {@code decayPatience} epochs without a new best, and training stops after
 * {@code patience}.
 *
 * <p>Each minibatch is cut into {@value #CHUNKS} fixed parts whose gradients are computed in parallel and summed in
 * order, so the weights depend on the seed only, not on the number of cores. Epoch e shuffles with the e-th
 * generator split from the shuffle generator, and a checkpoint (when asked for) is written after every epoch, so a
 * resumed run ends with exactly the weights of an uninterrupted one.
 */
public final class FlowTrainer {
    static final int CHUNKS = 2;

    /** The trained flow (best weights) and its schedule. */
    public record Result(ConditionalFlow flow, int epochs, int bestEpoch, double bestValidationLoss) {
    }

    private FlowTrainer() {
    }

    /**
     * @param training      standardised training rows: z (θ side) and c (x side)
     * @param validation    standardised held-out rows
     * @param logScale      added to reported losses: Σ log s of θ's standardisation
     * @param checkpoint    the checkpoint file, or null for none; an existing one from this run is resumed
     * @param fingerprint   identifies the run, so that a checkpoint of another is refused
     * @param carried       told the time a resumed checkpoint had recorded, or null
     */
    static Result train(NpeConfig config, Rows training, Rows validation, double logScale, long seed, Rng shuffle,
                        boolean progress, Path checkpoint, long fingerprint, EpochListener listener,
                        CarriedCost carried) {
        return train("NPE-" + config.estimator().label(), config, training, validation, logScale, seed, shuffle,
                progress, checkpoint, fingerprint, listener, carried);
    }

    /**
     * As above, for any role of the two sides (NLE fits x given θ): {@code label} names the progress bar. Only the
     * flow settings, batch size, learning rate, schedule and clip of {@code config} are used. A flow with a linear
     * shift starts from the least-squares regression of the training rows' z on c.
     */
    public static Result train(String label, NpeConfig config, Rows training, Rows validation, double logScale,
                               long seed, Rng shuffle, boolean progress, Path checkpoint, long fingerprint,
                               EpochListener listener) {
        return train(label, config, training, validation, logScale, seed, shuffle, progress, checkpoint, fingerprint,
                listener, null);
    }

    static Result train(String label, NpeConfig config, Rows training, Rows validation, double logScale, long seed,
                        Rng shuffle, boolean progress, Path checkpoint, long fingerprint, EpochListener listener,
                        CarriedCost carried) {
        ConditionalFlow flow = ConditionalFlow.create(config.flow(), training.z[0].length, training.c[0].length,
                Rng.seeded(seed));
        flow.fitLinearShift(training.z, training.c);
        Objective objective = new Objective() {
            @Override
            public List<double[]> parameters() {
                return flow.parameters();
            }

            @Override
            public double[][] gradient(int[] order, int start, int end) {
                return FlowTrainer.gradient(flow, training, order, start, end);
            }

            @Override
            public double validationLoss() {
                return FlowTrainer.validationLoss(flow::logProb, validation);
            }
        };
        Schedule s = run(label, config, objective, training.z.length, logScale, shuffle, progress, checkpoint, fingerprint,
                listener, carried);
        return new Result(flow, s.epochs(), s.bestEpoch(), s.bestValidationLoss());
    }

    /** What {@link #run} minimises: parameters updated in place, a minibatch gradient and the validation loss. */
    interface Objective {
        List<double[]> parameters();

        /** The mean gradient of −log q over the training rows order[start … end), shaped as the parameters. */
        double[][] gradient(int[] order, int start, int end);

        /** The mean −log q over the held-out rows, in standardised units. */
        double validationLoss();
    }

    /** How a run of {@link #run} ended; the parameters hold the best weights. */
    record Schedule(int epochs, int bestEpoch, double bestValidationLoss) {
    }

    /**
     * The training loop every plain-Java estimator shares: Adam with clipping over shuffled minibatches of
     * {@code rows} rows, early stopping, learning-rate decay and per-epoch checkpoints; ends with the best weights in
     * the objective's parameters; {@code label} names the progress bar. A resumed checkpoint's recorded time goes to
     * {@code carried} (when not null), and every checkpoint records that time plus this process's.
     */
    static Schedule run(String label, NpeConfig config, Objective objective, int rows, double logScale, Rng shuffle,
                        boolean progress, Path checkpoint, long fingerprint, EpochListener listener,
                        CarriedCost carried) {
        Stopwatch watch = Stopwatch.start();
        List<double[]> params = objective.parameters();
        AdamOptimizer adam = new AdamOptimizer(params, config.learningRate(), config.gradientClip());
        TrainingState state = resume(checkpoint, fingerprint, params, adam);
        if (state == null) {
            state = new TrainingState();
            state.bestParams = TrainingState.copy(params);
        } else if (carried != null) {
            carried.resumed(state.spent);
        }
        Cost resumedWith = state.spent;
        Rng[] epochShuffles = shuffle.split(config.maxEpochs());
        int n = rows;
        try (ProgressBar bar = progress ? TrainingProgress.bar(label,
                config.maxEpochs()) : null) {
            while (state.epoch < config.maxEpochs() && state.epoch - state.bestEpoch < config.patience()) {
                int[] order = IntStream.range(0, n).toArray();
                epochShuffles[state.epoch].shuffle(order);
                state.epoch++;
                for (int start = 0; start < n; start += config.batchSize()) {
                    int end = Math.min(n, start + config.batchSize());
                    adam.step(params, objective.gradient(order, start, end));
                }
                double loss = objective.validationLoss() + logScale;
                if (loss < state.bestLoss) {
                    state.bestLoss = loss;
                    state.bestEpoch = state.epoch;
                    state.bestParams = TrainingState.copy(params);
                } else if (config.decayFactor() < 1
                        && state.epoch - Math.max(state.bestEpoch, state.lastDecay) >= config.decayPatience()) {
                    adam.setLearningRate(adam.learningRate() * config.decayFactor());
                    state.lastDecay = state.epoch;
                }
                if (checkpoint != null) {
                    state.spent = CarriedCost.soFar(resumedWith, watch);
                    save(state, checkpoint, fingerprint, params, adam);
                }
                if (bar != null) {
                    bar.stepTo(state.epoch);
                    bar.setExtraMessage(String.format(Locale.ROOT, " val %.4f (best %.4f @%d)", loss, state.bestLoss,
                            state.bestEpoch));
                }
                if (listener != null) {
                    listener.epochDone(state.epoch, loss);
                }
            }
        }
        if (!Double.isFinite(state.bestLoss)) {
            throw new IllegalStateException(label + " training diverged: the validation loss was never finite");
        }
        for (int a = 0; a < params.size(); a++) {
            System.arraycopy(state.bestParams[a], 0, params.get(a), 0, params.get(a).length);
        }
        return new Schedule(state.epoch, state.bestEpoch, state.bestLoss);
    }

    private static TrainingState resume(Path checkpoint, long fingerprint, List<double[]> params, AdamOptimizer adam) {
        if (checkpoint == null || !Files.exists(checkpoint)) {
            return null;
        }
        try {
            return TrainingState.load(checkpoint, fingerprint, params, adam);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + checkpoint, e);
        }
    }

    private static void save(TrainingState state, Path checkpoint, long fingerprint, List<double[]> params,
                             AdamOptimizer adam) {
        try {
            state.save(checkpoint, fingerprint, params, adam);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + checkpoint, e);
        }
    }

    /** The mean gradient over rows order[start … end), computed in {@value #CHUNKS} parts in parallel. */
    private static double[][] gradient(ConditionalFlow flow, Rows rows, int[] order, int start, int end) {
        int size = end - start;
        double[][] z = new double[size][];
        double[][] c = new double[size][];
        for (int r = 0; r < size; r++) {
            z[r] = rows.z[order[start + r]];
            c[r] = rows.c[order[start + r]];
        }
        double weight = 1.0 / size;
        double[][][] parts = new double[CHUNKS][][];
        IntStream.range(0, CHUNKS).parallel().forEach(k -> {
            int from = size * k / CHUNKS;
            int to = size * (k + 1) / CHUNKS;
            double[][] g = flow.newGradients();
            if (to > from) {
                flow.lossAndGradient(z, c, from, to, weight, g);
            }
            parts[k] = g;
        });
        double[][] total = parts[0];
        for (int k = 1; k < CHUNKS; k++) {
            for (int a = 0; a < total.length; a++) {
                double[] t = total[a];
                double[] p = parts[k][a];
                for (int i = 0; i < t.length; i++) {
                    t[i] += p[i];
                }
            }
        }
        return total;
    }

    /** Mean −log q over the rows for a density of z given c (a flow's, an ensemble's), in parallel parts of 1024. */
    static double validationLoss(BiFunction<double[][], double[][], double[]> logProb, Rows rows) {
        int n = rows.z.length;
        int parts = (n + 1023) / 1024;
        double[] sums = new double[parts];
        IntStream.range(0, parts).parallel().forEach(k -> {
            int from = k * 1024;
            int to = Math.min(n, from + 1024);
            double s = 0;
            for (double lp : logProb.apply(java.util.Arrays.copyOfRange(rows.z, from, to),
                    java.util.Arrays.copyOfRange(rows.c, from, to))) {
                s -= lp;
            }
            sums[k] = s;
        });
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total / n;
    }

    /** Standardised rows: z[i] the modelled side, c[i] the conditioning side. */
    public record Rows(double[][] z, double[][] c) {
    }
}
