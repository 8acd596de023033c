package dev.amortizer.training;

import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.random.Rng;
import java.util.List;

/**
 * Minibatch training with Adam and early stopping on a validation loss, for objectives that draw per step (NRE's
 * contrastive sets): each epoch shuffles the training rows with its own generator, takes one Adam step per
 * minibatch with a generator split from it, then measures the validation loss; the best weights are kept, the
 * learning rate decays on plateaus and training stops as the {@link TrainingSchedule} says, leaving the best
 * weights in place.
 *
 * <p>{@code TrainingOutcome o = EarlyStopping.train("NRE-b", schedule, params, objective, rows, rng, listener);}
 */
public final class EarlyStopping {
    private EarlyStopping() {
    }

    /** What is minimised. */
    public interface Objective {
        /**
         * Adds the gradient of the mean loss over rows {@code rows[from … to)} into {@code grads} (shaped as the
         * parameters); {@code rng} is this step's own generator, for objectives that draw (contrastive sets).
         */
        void gradient(int[] rows, int from, int to, double[][] grads, Rng rng);

        /** The loss on the held-out rows, with the current weights; must be deterministic. */
        double validationLoss();
    }

    /**
     * Trains {@code params} in place on the training {@code rows}; throws if the validation loss is never finite.
     *
     * @param label names the run in training events, such as "NRE-b"
     */
    public static TrainingOutcome train(String label, TrainingSchedule schedule, List<double[]> params,
                                        Objective objective, int[] rows, Rng rng, TrainingListener listener) {
        long started = System.nanoTime();
        AdamOptimizer adam = new AdamOptimizer(params, schedule.learningRate(), schedule.gradientClip());
        double best = Double.POSITIVE_INFINITY;
        double[][] bestParams = copy(params);
        int bestEpoch = 0;
        int lastDecay = 0;
        int epoch = 0;
        int[] order = rows.clone();
        listener.started(label, schedule.maxEpochs());
        while (schedule.continuesAfter(epoch, bestEpoch)) {
            Rng epochRng = rng.split();
            epochRng.shuffle(order);
            epoch++;
            for (int start = 0; start < order.length; start += schedule.batchSize()) {
                int end = Math.min(order.length, start + schedule.batchSize());
                double[][] grads = params.stream().map(a -> new double[a.length]).toArray(double[][]::new);
                objective.gradient(order, start, end, grads, epochRng.split());
                adam.step(params, grads);
            }
            double loss = objective.validationLoss();
            if (loss < best) {
                best = loss;
                bestEpoch = epoch;
                bestParams = copy(params);
            } else if (schedule.decaysAfter(epoch, bestEpoch, lastDecay)) {
                adam.setLearningRate(adam.learningRate() * schedule.decayFactor());
                lastDecay = epoch;
            }
            listener.epochDone(new EpochReport(label, epoch, schedule.maxEpochs(), loss, best, bestEpoch));
        }
        if (!Double.isFinite(best)) {
            throw new IllegalStateException(label + " training diverged: the validation loss was never finite");
        }
        for (int a = 0; a < params.size(); a++) {
            System.arraycopy(bestParams[a], 0, params.get(a), 0, params.get(a).length);
        }
        TrainingOutcome outcome = TrainingOutcome.of(epoch, bestEpoch, best, started, schedule);
        listener.finished(label, outcome);
        return outcome;
    }

    private static double[][] copy(List<double[]> params) {
        return params.stream().map(double[]::clone).toArray(double[][]::new);
    }
}
