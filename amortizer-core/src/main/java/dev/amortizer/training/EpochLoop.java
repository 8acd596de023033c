package dev.amortizer.training;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Stopwatch;
import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.random.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The training loop every plain-Java network shares (flows, summary networks with their flow, NRE's classifier, the
 * point estimator's network): Adam with clipping over shuffled minibatches, early stopping, learning-rate decay and,
 * where asked, a checkpoint after every epoch. Epoch e shuffles with the e-th generator split from the shuffle
 * generator, and each minibatch gets its own generator split from that one, so a resumed run ends with exactly the
 * weights of an uninterrupted one.
 *
 * <p>{@code TrainingOutcome o = EpochLoop.run("NPE-maf", schedule, objective, rows, 0, shuffle, null, listener);}
 */
public final class EpochLoop {
    private EpochLoop() {
    }

    /** What the loop minimises: parameters updated in place, a minibatch gradient and the validation loss. */
    public interface Objective {
        List<double[]> parameters();

        /**
         * The mean gradient of the loss over the training rows order[start … end), shaped as the parameters;
         * {@code stepRng} is this minibatch's own generator, for objectives that draw (NRE's contrastive sets).
         */
        double[][] gradient(int[] order, int start, int end, Rng stepRng);

        /** The mean loss over the held-out rows, in standardised units. */
        double validationLoss();
    }

    /**
     * Runs {@code schedule} over {@code rows} training rows and leaves the best weights in the objective's
     * parameters. Losses reported (and kept) are the objective's plus {@code logScale}. With a checkpoint, an
     * existing one of this run is resumed (its recorded time going to the checkpoint's {@link CarriedCost}), and
     * every epoch's records that time plus this process's.
     *
     * Each epoch shuffles rows 0 … {@code rows} − 1 afresh.
     *
     * @param checkpoint null for none
     */
    public static TrainingOutcome run(String label, TrainingSchedule schedule, Objective objective, int rows,
                                      double logScale, Rng shuffle, Checkpoint checkpoint,
                                      TrainingListener listener) {
        return run(label, schedule, objective, IntStream.range(0, rows).toArray(), false, logScale, shuffle,
                checkpoint, listener);
    }

    /**
     * As {@link #run(String, TrainingSchedule, Objective, int, double, Rng, Checkpoint, TrainingListener)} without
     * checkpoints or a log scale, on the training rows {@code rows} of a larger table, each epoch shuffling the
     * previous epoch's order again (the order NRE and point estimation have always trained in).
     */
    public static TrainingOutcome runReshuffling(String label, TrainingSchedule schedule, Objective objective,
                                                 int[] rows, Rng shuffle, TrainingListener listener) {
        return run(label, schedule, objective, rows, true, 0, shuffle, null, listener);
    }

    /** A zero gradient shaped as {@code params}, for objectives that add their terms into one. */
    public static double[][] zeroGradient(List<double[]> params) {
        return params.stream().map(a -> new double[a.length]).toArray(double[][]::new);
    }

    private static TrainingOutcome run(String label, TrainingSchedule schedule, Objective objective, int[] rows,
                                       boolean carryOrder, double logScale, Rng shuffle, Checkpoint checkpoint,
                                       TrainingListener listener) {
        long start = System.nanoTime();
        Stopwatch watch = Stopwatch.start();
        List<double[]> params = objective.parameters();
        AdamOptimizer adam = new AdamOptimizer(params, schedule.learningRate(), schedule.gradientClip());
        TrainingState state = resume(checkpoint, params, adam);
        if (state == null) {
            state = new TrainingState();
            state.bestParams = TrainingState.copy(params);
        } else {
            checkpoint.carried().resumed(state.spent);
        }
        Cost resumedWith = state.spent;
        Rng[] epochShuffles = shuffle.split(schedule.maxEpochs());
        listener.started(label, schedule.maxEpochs());
        int[] order = rows.clone();
        while (schedule.continuesAfter(state.epoch, state.bestEpoch)) {
            if (!carryOrder) {
                System.arraycopy(rows, 0, order, 0, rows.length);
            }
            Rng epochRng = epochShuffles[state.epoch];
            epochRng.shuffle(order);
            state.epoch++;
            for (int from = 0; from < order.length; from += schedule.batchSize()) {
                int to = Math.min(order.length, from + schedule.batchSize());
                adam.step(params, objective.gradient(order, from, to, epochRng.split()));
            }
            double loss = objective.validationLoss() + logScale;
            if (loss < state.bestLoss) {
                state.bestLoss = loss;
                state.bestEpoch = state.epoch;
                state.bestParams = TrainingState.copy(params);
            } else if (schedule.decaysAfter(state.epoch, state.bestEpoch, state.lastDecay)) {
                adam.setLearningRate(adam.learningRate() * schedule.decayFactor());
                state.lastDecay = state.epoch;
            }
            if (checkpoint != null) {
                state.spent = CarriedCost.soFar(resumedWith, watch);
                save(state, checkpoint, params, adam);
            }
            listener.epochDone(new EpochReport(label, state.epoch, schedule.maxEpochs(), loss, state.bestLoss,
                    state.bestEpoch));
        }
        if (!Double.isFinite(state.bestLoss)) {
            throw new IllegalStateException(label + " training diverged: the validation loss was never finite");
        }
        for (int a = 0; a < params.size(); a++) {
            System.arraycopy(state.bestParams[a], 0, params.get(a), 0, params.get(a).length);
        }
        TrainingOutcome outcome = TrainingOutcome.of(state.epoch, state.bestEpoch, state.bestLoss, start, schedule);
        listener.finished(label, outcome);
        return outcome;
    }

    private static TrainingState resume(Checkpoint checkpoint, List<double[]> params, AdamOptimizer adam) {
        if (checkpoint == null || !Files.exists(checkpoint.file())) {
            return null;
        }
        try {
            return TrainingState.load(checkpoint.file(), checkpoint.fingerprint(), params, adam);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + checkpoint.file(), e);
        }
    }

    private static void save(TrainingState state, Checkpoint checkpoint, List<double[]> params, AdamOptimizer adam) {
        try {
            state.save(checkpoint.file(), checkpoint.fingerprint(), params, adam);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + checkpoint.file(), e);
        }
    }
}
