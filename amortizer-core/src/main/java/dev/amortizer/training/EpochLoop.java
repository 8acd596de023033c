package dev.amortizer.training;

import dev.amortizer.cost.Cost;
import dev.amortizer.random.Rng;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one training loop (flows, summary networks with their flow, the MDN, NRE's classifier, the point estimator's
 * network): optimiser steps over shuffled minibatches, early stopping on a validation loss with the best weights
 * kept, learning-rate decay on plateaus and, where asked, a checkpoint after every epoch. Epoch e shuffles with the
 * e-th generator split from the shuffle generator, and each minibatch gets its own generator split from that one,
 * so a resumed run ends with exactly the weights of an uninterrupted one.
 *
 * <p>{@code TrainingOutcome o = EpochLoop.run("NPE-maf", schedule, objective, rows, 0, shuffle, null, listener);}
 */
public final class EpochLoop {
    private EpochLoop() {
    }

    /** A plain-Java network's loss: parameters updated in place by Adam, a minibatch gradient, a validation loss. */
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
     * Runs {@code schedule} with Adam (the schedule's step size and clip) over {@code rows} training rows and leaves
     * the best weights in the objective's parameters; checkpoints are {@link TrainingState}s. Otherwise as
     * {@link #run(String, TrainingSchedule, Learner, int, double, Rng, Checkpoint, TrainingListener)}.
     */
    public static TrainingOutcome run(String label, TrainingSchedule schedule, Objective objective, int rows,
                                      double logScale, Rng shuffle, Checkpoint checkpoint,
                                      TrainingListener listener) {
        return run(label, schedule, new AdamLearner(objective, schedule), rows, logScale, shuffle, checkpoint,
                listener);
    }

    /**
     * Runs {@code schedule} over {@code rows} training rows, each epoch shuffling rows 0 … {@code rows} − 1 afresh,
     * and leaves the learner's best weights in place. Losses reported (and kept) are the learner's plus
     * {@code logScale}. With a checkpoint, an existing one of this run is resumed (its recorded time going to the
     * checkpoint's {@link CarriedCost}), and every epoch's records that time plus this process's.
     *
     * @param checkpoint null for none
     */
    static TrainingOutcome run(String label, TrainingSchedule schedule, Learner learner, int rows, double logScale,
                               Rng shuffle, Checkpoint checkpoint, TrainingListener listener) {
        return run(label, schedule, learner, IntStream.range(0, rows).toArray(), false, logScale, shuffle,
                checkpoint, listener);
    }

    /**
     * As {@link #run(String, TrainingSchedule, Objective, int, double, Rng, Checkpoint, TrainingListener)} without
     * checkpoints or a log scale, on the training rows {@code rows} of a larger table, each epoch shuffling the
     * previous epoch's order again (the order NRE and point estimation have always trained in).
     */
    public static TrainingOutcome runReshuffling(String label, TrainingSchedule schedule, Objective objective,
                                                 int[] rows, Rng shuffle, TrainingListener listener) {
        return run(label, schedule, new AdamLearner(objective, schedule), rows, true, 0, shuffle, null, listener);
    }

    /** A zero gradient shaped as {@code params}, for objectives that add their terms into one. */
    public static double[][] zeroGradient(List<double[]> params) {
        return params.stream().map(a -> new double[a.length]).toArray(double[][]::new);
    }

    private static TrainingOutcome run(String label, TrainingSchedule schedule, Learner learner, int[] rows,
                                       boolean carryOrder, double logScale, Rng shuffle, Checkpoint checkpoint,
                                       TrainingListener listener) {
        return run(label, schedule, learner, new ShuffledRows(rows, carryOrder), logScale, shuffle, checkpoint,
                listener);
    }

    /**
     * As {@link #run(String, TrainingSchedule, Objective, int, double, Rng, Checkpoint, TrainingListener)}, each epoch
     * visiting the training rows as {@code pass} does (rows streamed from disk in chunks, say).
     */
    public static TrainingOutcome run(String label, TrainingSchedule schedule, Objective objective, EpochPass pass,
                                      double logScale, Rng shuffle, Checkpoint checkpoint,
                                      TrainingListener listener) {
        return run(label, schedule, new AdamLearner(objective, schedule), pass, logScale, shuffle, checkpoint,
                listener);
    }

    /**
     * As {@link #run(String, TrainingSchedule, Learner, int, double, Rng, Checkpoint, TrainingListener)}, each epoch
     * visiting the training rows as {@code pass} does (rows streamed from disk in chunks, say) with the epoch's
     * generator.
     */
    static TrainingOutcome run(String label, TrainingSchedule schedule, Learner learner, EpochPass pass,
                               double logScale, Rng shuffle, Checkpoint checkpoint, TrainingListener listener) {
        long start = System.nanoTime();
        EpochProgress resumed = checkpoint == null ? null : learner.resume(checkpoint);
        if (resumed == null) {
            resumed = EpochProgress.START;
            learner.keepBest();
        } else {
            checkpoint.carried().resumed(resumed.spent());
        }
        Cost resumedWith = resumed.spent();
        int epoch = resumed.epoch();
        int bestEpoch = resumed.bestEpoch();
        int lastDecay = resumed.lastDecay();
        double bestLoss = resumed.bestLoss();
        Rng[] epochShuffles = shuffle.split(schedule.maxEpochs());
        listener.started(label, schedule.maxEpochs());
        while (schedule.continuesAfter(epoch, bestEpoch)) {
            Rng epochRng = epochShuffles[epoch];
            epoch++;
            pass.run(learner, schedule.batchSize(), epochRng);
            double loss = learner.validationLoss() + logScale;
            if (loss < bestLoss) {
                bestLoss = loss;
                bestEpoch = epoch;
                learner.keepBest();
            } else if (schedule.decaysAfter(epoch, bestEpoch, lastDecay)) {
                learner.setLearningRate(learner.learningRate() * schedule.decayFactor());
                lastDecay = epoch;
            }
            if (checkpoint != null) {
                learner.save(checkpoint, new EpochProgress(epoch, bestEpoch, lastDecay, bestLoss,
                        CarriedCost.soFar(resumedWith, checkpoint.since())));
            }
            listener.epochDone(new EpochReport(label, epoch, schedule.maxEpochs(), loss, bestLoss, bestEpoch));
        }
        if (!Double.isFinite(bestLoss)) {
            throw new IllegalStateException(label + " training diverged: the validation loss was never finite");
        }
        learner.restoreBest();
        TrainingOutcome outcome = TrainingOutcome.of(epoch, bestEpoch, bestLoss, start, schedule);
        listener.finished(label, outcome);
        return outcome;
    }

    /** Rows held in memory, shuffled afresh each epoch (or, carrying the order, the previous epoch's order again). */
    private static final class ShuffledRows implements EpochPass {
        private final int[] rows;
        private final boolean carryOrder;
        private final int[] order;

        ShuffledRows(int[] rows, boolean carryOrder) {
            this.rows = rows;
            this.carryOrder = carryOrder;
            this.order = rows.clone();
        }

        @Override
        public void run(Learner learner, int batchSize, Rng epochRng) {
            if (!carryOrder) {
                System.arraycopy(rows, 0, order, 0, rows.length);
            }
            epochRng.shuffle(order);
            for (int from = 0; from < order.length; from += batchSize) {
                learner.step(order, from, Math.min(order.length, from + batchSize), epochRng.split());
            }
        }
    }
}
