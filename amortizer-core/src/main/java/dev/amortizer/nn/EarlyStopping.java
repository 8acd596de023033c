package dev.amortizer.nn;

import dev.amortizer.random.Rng;
import java.util.List;

/**
 * Minibatch training with Adam and early stopping on a validation loss: each epoch shuffles the training rows, takes
 * one Adam step per minibatch, then measures the validation loss; the best weights are kept, the learning rate is
 * multiplied by {@code decayFactor} after {@code decayPatience} epochs without a new best, and training stops after
 * {@code patience} (or {@code maxEpochs}) and leaves the best weights in place.
 *
 * <p>{@code int epochs = new EarlyStopping(256, 1e-3, 5, 500, 30, 0.5, 10).train(params, objective, rows, rng);}
 *
 * @param batchSize     rows per step, &gt; 0
 * @param learningRate  Adam's initial step size, &gt; 0
 * @param gradientClip  cap on the gradient's global norm, &gt; 0
 * @param maxEpochs     cap on epochs, &gt; 0
 * @param patience      epochs without a new best before stopping, &gt; 0
 * @param decayFactor   in (0, 1]; 1 keeps the learning rate
 * @param decayPatience epochs without a new best before each decay, &gt; 0
 */
public record EarlyStopping(int batchSize, double learningRate, double gradientClip, int maxEpochs, int patience,
                            double decayFactor, int decayPatience) {
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

    public EarlyStopping {
        if (batchSize < 1 || !(learningRate > 0) || !(gradientClip > 0) || maxEpochs < 1 || patience < 1
                || !(decayFactor > 0 && decayFactor <= 1) || decayPatience < 1) {
            throw new IllegalArgumentException("invalid early-stopping settings: batchSize " + batchSize
                    + ", learningRate " + learningRate + ", gradientClip " + gradientClip + ", maxEpochs " + maxEpochs
                    + ", patience " + patience + ", decayFactor " + decayFactor + ", decayPatience " + decayPatience);
        }
    }

    /** The outcome: epochs run, the best epoch and its validation loss. */
    public record Result(int epochs, int bestEpoch, double bestValidationLoss) {
    }

    /** Trains {@code params} in place on the training {@code rows}; throws if the validation loss is never finite. */
    public Result train(List<double[]> params, Objective objective, int[] rows, Rng rng) {
        AdamOptimizer adam = new AdamOptimizer(params, learningRate, gradientClip);
        double best = Double.POSITIVE_INFINITY;
        double[][] bestParams = copy(params);
        int bestEpoch = 0;
        int lastDecay = 0;
        int epoch = 0;
        int[] order = rows.clone();
        while (epoch < maxEpochs && epoch - bestEpoch < patience) {
            Rng epochRng = rng.split();
            epochRng.shuffle(order);
            epoch++;
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                double[][] grads = params.stream().map(a -> new double[a.length]).toArray(double[][]::new);
                objective.gradient(order, start, end, grads, epochRng.split());
                adam.step(params, grads);
            }
            double loss = objective.validationLoss();
            if (loss < best) {
                best = loss;
                bestEpoch = epoch;
                bestParams = copy(params);
            } else if (decayFactor < 1 && epoch - Math.max(bestEpoch, lastDecay) >= decayPatience) {
                adam.setLearningRate(adam.learningRate() * decayFactor);
                lastDecay = epoch;
            }
        }
        if (!Double.isFinite(best)) {
            throw new IllegalStateException("training diverged: the validation loss was never finite");
        }
        for (int a = 0; a < params.size(); a++) {
            System.arraycopy(bestParams[a], 0, params.get(a), 0, params.get(a).length);
        }
        return new Result(epoch, bestEpoch, best);
    }

    private static double[][] copy(List<double[]> params) {
        return params.stream().map(double[]::clone).toArray(double[][]::new);
    }
}
