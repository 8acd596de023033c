package dev.amortizer.npe;

import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.npe.mdn.MdnNetworks;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.training.CarriedCost;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.EpochPass;
import dev.amortizer.training.EpochProgress;
import dev.amortizer.training.Learner;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingSchedule;
import dev.amortizer.training.stream.StreamedPairs;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Minimises the mean −log q(θ' | x') over shuffled minibatches of standardised pairs with DL4J's Adam in
 * {@link EpochLoop}: after each epoch the validation loss is measured, the best weights are kept, the learning rate
 * is multiplied by {@code decayFactor} whenever {@code decayPatience} epochs pass without a new best, and training
 * ends when {@code patience} epochs pass without one. Checkpoints keep their own layout ({@link MdnCheckpoint}).
 */
final class MdnTrainer {
    private static final String LABEL = "NPE-mdn";

    private MdnTrainer() {
    }

    /**
     * Rows are standardised; {@code shuffle} orders the minibatches, {@code seed} fixes the initial weights unless
     * {@code initial} (null for none) gives them: per layer the weight matrix row-major and the bias, as
     * {@link MdnDensity#weights()} holds them (a warm start).
     * Losses are reported in θ's units: the standardised loss plus {@code logThetaScale} = Σ log s_θ. With a
     * checkpoint (null for none), one of this run is resumed and its recorded time goes to the checkpoint's
     * {@link CarriedCost}.
     */
    static Trained<MultiLayerNetwork> train(NpeConfig config, MixtureLayout layout, Pairs training, Pairs validation,
                                            double logThetaScale, long seed, List<double[]> initial, Rng shuffle,
                                            Checkpoint checkpoint, TrainingListener listener) {
        TrainingSchedule schedule = config.schedule();
        MultiLayerNetwork net = MdnNetworks.create(training.xDim, config.hiddenWidths(), config.activation(), layout,
                schedule.learningRate(), schedule.gradientClip(), seed);
        if (initial != null) {
            MdnNetworks.setWeights(net, initial);
        }
        MdnLearner learner = new MdnLearner(net, schedule.learningRate(), training, validation);
        TrainingOutcome outcome = EpochLoop.run(LABEL, schedule, learner, training.size, logThetaScale, shuffle,
                checkpoint, listener);
        return new Trained<>(net, outcome);
    }

    /**
     * As {@link #train}, on pairs streamed from disk: each window of standardised training rows {@code data}'s
     * epochs read becomes the learner's training rows; no checkpoints.
     */
    static Trained<MultiLayerNetwork> trainStreamed(NpeConfig config, MixtureLayout layout, StreamedPairs data,
                                                    Pairs validation, double logThetaScale, long seed, Rng shuffle,
                                                    TrainingListener listener) {
        TrainingSchedule schedule = config.schedule();
        MultiLayerNetwork net = MdnNetworks.create(validation.xDim, config.hiddenWidths(), config.activation(),
                layout, schedule.learningRate(), schedule.gradientClip(), seed);
        MdnLearner learner = new MdnLearner(net, schedule.learningRate(), null, validation);
        EpochPass pass = data.pass(StreamedPairs.WINDOW_CHUNKS, (theta, x, rows) ->
                learner.training = new Pairs(rows, validation.xDim, validation.thetaDim, x, theta));
        TrainingOutcome outcome = EpochLoop.run(LABEL, schedule, learner, pass, logThetaScale, shuffle, null,
                listener);
        return new Trained<>(net, outcome);
    }

    /** The DL4J network as a {@link Learner}: {@code fit} takes the Adam step, the learning rate is tracked here. */
    private static final class MdnLearner implements Learner {
        private final MultiLayerNetwork net;
        private Pairs training;
        private final DataSet held;
        private double learningRate;
        private INDArray bestParams;

        MdnLearner(MultiLayerNetwork net, double learningRate, Pairs training, Pairs validation) {
            this.net = net;
            this.learningRate = learningRate;
            this.training = training;
            this.held = new DataSet(validation.x(0, validation.size, null), validation.theta(0, validation.size, null));
        }

        @Override
        public void step(int[] order, int from, int to, Rng stepRng) {
            net.fit(training.x(from, to, order), training.theta(from, to, order));
        }

        @Override
        public double validationLoss() {
            return net.score(held, false);
        }

        @Override
        public void keepBest() {
            bestParams = net.params().dup();
        }

        @Override
        public void restoreBest() {
            net.setParams(bestParams);
        }

        @Override
        public double learningRate() {
            return learningRate;
        }

        @Override
        public void setLearningRate(double rate) {
            learningRate = rate;
            net.setLearningRate(rate);
        }

        @Override
        public void save(Checkpoint checkpoint, EpochProgress progress) {
            new MdnCheckpoint(progress, learningRate, net, bestParams).save(checkpoint.file(), checkpoint.fingerprint());
        }

        @Override
        public EpochProgress resume(Checkpoint checkpoint) {
            MdnCheckpoint c = MdnCheckpoint.load(checkpoint.file(), checkpoint.fingerprint(), net);
            if (c == null) {
                return null;
            }
            setLearningRate(c.learningRate);
            bestParams = c.bestParams;
            return c.progress;
        }
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

        /** Rows already flat and standardised, used as they are: the first {@code size} rows of each array. */
        Pairs(int size, int xDim, int thetaDim, double[] x, double[] theta) {
            this.size = size;
            this.xDim = xDim;
            this.thetaDim = thetaDim;
            this.x = x;
            this.theta = theta;
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
