package dev.amortizer.npe;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Stopwatch;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.npe.mdn.MdnNetworks;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.training.CarriedCost;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.EpochReport;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingSchedule;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Minimises the mean −log q(θ' | x') over shuffled minibatches of standardised pairs with Adam,
 * and stops early: after each epoch the validation loss is measured, the best weights are kept,
 * the learning rate is multiplied by {@code decayFactor} whenever {@code decayPatience} epochs pass
 * without a new best, and training ends when {@code patience} epochs pass without one.
 *
 * <p>Not {@code training.EpochLoop} yet: DL4J's network takes the Adam steps itself, and its checkpoints
 * ({@link MdnCheckpoint}) hold DL4J's updater state in their own file layout, which files on disk must keep.
 */
final class MdnTrainer {
    private static final String LABEL = "NPE-mdn";

    private MdnTrainer() {
    }

    /**
     * Rows are standardised; {@code shuffle} orders the minibatches, {@code seed} fixes the initial weights.
     * Losses are reported in θ's units: the standardised loss plus {@code logThetaScale} = Σ log s_θ. With a
     * checkpoint (null for none), one of this run is resumed and its recorded time goes to the checkpoint's
     * {@link CarriedCost}.
     */
    static Trained<MultiLayerNetwork> train(NpeConfig config, MixtureLayout layout, Pairs training, Pairs validation,
                                            double logThetaScale, long seed, Rng shuffle, Checkpoint checkpoint,
                                            TrainingListener listener) {
        long started = System.nanoTime();
        Stopwatch watch = Stopwatch.start();
        TrainingSchedule schedule = config.schedule();
        Path file = checkpoint == null ? null : checkpoint.file();
        long fingerprint = checkpoint == null ? 0 : checkpoint.fingerprint();
        MultiLayerNetwork fresh = MdnNetworks.create(training.xDim, config.hiddenWidths(), config.activation(), layout,
                schedule.learningRate(), schedule.gradientClip(), seed);
        MdnCheckpoint state = MdnCheckpoint.load(file, fingerprint, fresh);
        if (state != null) {
            checkpoint.carried().resumed(state.spent);
        }
        Cost resumedWith = state == null ? Cost.ZERO : state.spent;
        if (state == null) {
            state = new MdnCheckpoint();
            state.network = fresh;
            state.bestParams = state.network.params().dup();
            state.learningRate = schedule.learningRate();
        } else {
            state.network.setLearningRate(state.learningRate);
        }
        MultiLayerNetwork net = state.network;
        DataSet held = new DataSet(validation.x(0, validation.size, null), validation.theta(0, validation.size, null));
        Rng[] epochShuffles = shuffle.split(schedule.maxEpochs());
        listener.started(LABEL, schedule.maxEpochs());
        while (schedule.continuesAfter(state.epoch, state.bestEpoch)) {
            int[] order = java.util.stream.IntStream.range(0, training.size).toArray();
            epochShuffles[state.epoch].shuffle(order);
            state.epoch++;
            for (int start = 0; start < order.length; start += schedule.batchSize()) {
                int end = Math.min(order.length, start + schedule.batchSize());
                net.fit(training.x(start, end, order), training.theta(start, end, order));
            }
            double loss = net.score(held, false) + logThetaScale;
            if (loss < state.bestLoss) {
                state.bestLoss = loss;
                state.bestEpoch = state.epoch;
                state.bestParams = net.params().dup();
            } else if (schedule.decaysAfter(state.epoch, state.bestEpoch, state.lastDecay)) {
                state.learningRate *= schedule.decayFactor();
                net.setLearningRate(state.learningRate);
                state.lastDecay = state.epoch;
            }
            if (file != null) {
                state.spent = CarriedCost.soFar(resumedWith, watch);
                state.save(file, fingerprint);
            }
            listener.epochDone(new EpochReport(LABEL, state.epoch, schedule.maxEpochs(), loss, state.bestLoss,
                    state.bestEpoch));
        }
        if (!Double.isFinite(state.bestLoss)) {
            throw new IllegalStateException("NPE training diverged: the validation loss was never finite");
        }
        net.setParams(state.bestParams);
        TrainingOutcome outcome = TrainingOutcome.of(state.epoch, state.bestEpoch, state.bestLoss, started, schedule);
        listener.finished(LABEL, outcome);
        return new Trained<>(net, outcome);
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
