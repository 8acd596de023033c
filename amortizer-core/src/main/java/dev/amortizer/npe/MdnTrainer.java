package dev.amortizer.npe;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Stopwatch;
import dev.amortizer.npe.mdn.MdnNetworks;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Minimises the mean −log q(θ' | x') over shuffled minibatches of standardised pairs with Adam,
 * and stops early: after each epoch the validation loss is measured, the best weights are kept,
 * the learning rate is multiplied by {@code decayFactor} whenever {@code decayPatience} epochs pass
 * without a new best, and training ends when {@code patience} epochs pass without one.
 */
final class MdnTrainer {
    /** The network with its best weights restored, and how training went. */
    record Result(MultiLayerNetwork network, int epochs, int bestEpoch, double bestValidationLoss) {
    }

    private MdnTrainer() {
    }

    /**
     * Rows are standardised; {@code shuffle} orders the minibatches, {@code seed} fixes the initial weights.
     * Losses are reported in θ's units: the standardised loss plus {@code logThetaScale} = Σ log s_θ. A resumed
     * checkpoint's recorded time goes to {@code carried} (when not null).
     */
    static Result train(NpeConfig config, MixtureLayout layout, Pairs training, Pairs validation,
                        double logThetaScale, long seed, Rng shuffle, boolean progress, Path checkpoint,
                        long fingerprint, EpochListener listener, CarriedCost carried) {
        Stopwatch watch = Stopwatch.start();
        MultiLayerNetwork fresh = MdnNetworks.create(training.xDim, config.hiddenWidths(), config.activation(), layout,
                config.learningRate(), config.gradientClip(), seed);
        MdnCheckpoint state = MdnCheckpoint.load(checkpoint, fingerprint, fresh);
        if (state != null && carried != null) {
            carried.resumed(state.spent);
        }
        Cost resumedWith = state == null ? Cost.ZERO : state.spent;
        if (state == null) {
            state = new MdnCheckpoint();
            state.network = fresh;
            state.bestParams = state.network.params().dup();
            state.learningRate = config.learningRate();
        } else {
            state.network.setLearningRate(state.learningRate);
        }
        MultiLayerNetwork net = state.network;
        DataSet held = new DataSet(validation.x(0, validation.size, null), validation.theta(0, validation.size, null));
        Rng[] epochShuffles = shuffle.split(config.maxEpochs());
        try (ProgressBar bar = progress ? TrainingProgress.bar("NPE-mdn", config.maxEpochs()) : null) {
            while (state.epoch < config.maxEpochs() && state.epoch - state.bestEpoch < config.patience()) {
                int[] order = java.util.stream.IntStream.range(0, training.size).toArray();
                epochShuffles[state.epoch].shuffle(order);
                state.epoch++;
                for (int start = 0; start < order.length; start += config.batchSize()) {
                    int end = Math.min(order.length, start + config.batchSize());
                    net.fit(training.x(start, end, order), training.theta(start, end, order));
                }
                double loss = net.score(held, false) + logThetaScale;
                if (loss < state.bestLoss) {
                    state.bestLoss = loss;
                    state.bestEpoch = state.epoch;
                    state.bestParams = net.params().dup();
                } else if (config.decayFactor() < 1
                        && state.epoch - Math.max(state.bestEpoch, state.lastDecay) >= config.decayPatience()) {
                    state.learningRate *= config.decayFactor();
                    net.setLearningRate(state.learningRate);
                    state.lastDecay = state.epoch;
                }
                if (checkpoint != null) {
                    state.spent = CarriedCost.soFar(resumedWith, watch);
                    state.save(checkpoint, fingerprint);
                }
                if (bar != null) {
                    bar.stepTo(state.epoch);
                    bar.setExtraMessage(String.format(Locale.ROOT, " val %.4f (best %.4f @%d)",
                            loss, state.bestLoss, state.bestEpoch));
                }
                if (listener != null) {
                    listener.epochDone(state.epoch, loss);
                }
            }
        }
        double best = state.bestLoss;
        INDArray bestParams = state.bestParams;
        int epoch = state.epoch;
        int bestEpoch = state.bestEpoch;
        if (!Double.isFinite(best)) {
            throw new IllegalStateException("NPE training diverged: the validation loss was never finite");
        }
        net.setParams(bestParams);
        return new Result(net, epoch, bestEpoch, best);
    }

    /** Standardised training pairs as flat row-major arrays, cut into minibatch arrays on demand. */
    static final class Pairs {
        final int size;
        final int xDim;
        final int thetaDim;
        private final double[] x;
        private final double[] theta;

        Pairs(int size, int xDim, int thetaDim) {
            this.size = size;
            this.xDim = xDim;
            this.thetaDim = thetaDim;
            this.x = new double[size * xDim];
            this.theta = new double[size * thetaDim];
        }

        void set(int row, double[] xRow, double[] thetaRow) {
            System.arraycopy(xRow, 0, x, row * xDim, xDim);
            System.arraycopy(thetaRow, 0, theta, row * thetaDim, thetaDim);
        }

        INDArray x(int start, int end, int[] order) {
            return rows(x, xDim, start, end, order);
        }

        INDArray theta(int start, int end, int[] order) {
            return rows(theta, thetaDim, start, end, order);
        }

        private static INDArray rows(double[] values, int dim, int start, int end, int[] order) {
            double[] out = new double[(end - start) * dim];
            for (int r = start; r < end; r++) {
                int src = order == null ? r : order[r];
                System.arraycopy(values, src * dim, out, (r - start) * dim, dim);
            }
            return MdnNetworks.matrix(out, end - start, dim, MdnNetworks.DATA_TYPE);
        }
    }
}
