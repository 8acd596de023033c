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
 * The training loop every plain-Java network with checkpoints shares (flows, summary networks with their flow): Adam
 * with clipping over shuffled minibatches, early stopping, learning-rate decay and a checkpoint after every epoch.
 * Epoch e shuffles with the e-th generator split from the shuffle generator, so a resumed run ends with exactly the
 * weights of an uninterrupted one.
 */
public final class EpochLoop {
    private EpochLoop() {
    }

    /** What the loop minimises: parameters updated in place, a minibatch gradient and the validation loss. */
    public interface Objective {
        List<double[]> parameters();

        /** The mean gradient of the loss over the training rows order[start … end), shaped as the parameters. */
        double[][] gradient(int[] order, int start, int end);

        /** The mean loss over the held-out rows, in standardised units. */
        double validationLoss();
    }

    /**
     * Runs {@code schedule} over {@code rows} training rows and leaves the best weights in the objective's
     * parameters. Losses reported (and kept) are the objective's plus {@code logScale}. With a checkpoint, an
     * existing one of this run is resumed (its recorded time going to the checkpoint's {@link CarriedCost}), and
     * every epoch's records that time plus this process's.
     *
     * @param checkpoint null for none
     */
    public static TrainingOutcome run(String label, TrainingSchedule schedule, Objective objective, int rows,
                                      double logScale, Rng shuffle, Checkpoint checkpoint,
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
        while (schedule.continuesAfter(state.epoch, state.bestEpoch)) {
            int[] order = IntStream.range(0, rows).toArray();
            epochShuffles[state.epoch].shuffle(order);
            state.epoch++;
            for (int from = 0; from < rows; from += schedule.batchSize()) {
                int to = Math.min(rows, from + schedule.batchSize());
                adam.step(params, objective.gradient(order, from, to));
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
