package dev.amortizer.npe;

import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.Mlp;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.npe.mdn.MixtureNetwork;
import dev.amortizer.npe.mdn.MixtureObjective;
import dev.amortizer.random.Rng;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.stream.StreamedPairs;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimises the mean −log q(θ' | x') of the MDN over shuffled minibatches of standardised pairs ({@link
 * MixtureObjective}) on the {@link EpochLoop} with Adam, the loop every network trains in: the best weights on the
 * validation rows are kept, the learning rate decays on plateaus, training stops after {@code patience} epochs
 * without a new best, and checkpoints are the loop's {@code TrainingState}s.
 */
final class MdnTrainer {
    private static final String LABEL = "NPE-mdn";

    private MdnTrainer() {
    }

    /**
     * Rows are standardised (z = θ', c = x'); {@code seed} fixes the initial weights, and a mean shift starts at the
     * training rows' regression, unless {@code initial} (null for none) gives them as {@link MdnDensity#weights()}
     * holds them (a warm start). Losses are reported in θ's units: the standardised loss plus {@code logThetaScale} =
     * Σ log s_θ.
     *
     * @param checkpoint null for none
     */
    static Trained<MixtureNetwork> train(NpeConfig config, MixtureLayout layout, FlowTrainer.Rows training,
                                         FlowTrainer.Rows validation, double logThetaScale, long seed,
                                         List<double[]> initial, Rng shuffle, Checkpoint checkpoint,
                                         TrainingListener listener) {
        int xDim = validation.c()[0].length;
        MixtureNetwork net;
        if (initial == null) {
            net = network(config, layout, xDim, seed);
            net.fitShift(ConditionalRows.of(training.z(), training.c()));
        } else {
            net = MixtureNetwork.ofArrays(initial, widths(config, layout, xDim), config.activation(), layout,
                    config.meanShift());
        }
        MixtureObjective objective = new MixtureObjective(net, training, validation);
        TrainingOutcome outcome = EpochLoop.run(LABEL, config.schedule(), objective, training.z().length,
                logThetaScale, shuffle, checkpoint, listener);
        return new Trained<>(net, outcome);
    }

    /**
     * As {@link #train}, from a fresh initialisation and without checkpoints, on pairs streamed from disk: each
     * window of standardised rows that {@code data}'s epochs read becomes the training rows. A mean shift starts at
     * the regression over one pass of the training rows, as in memory.
     */
    static Trained<MixtureNetwork> trainStreamed(NpeConfig config, MixtureLayout layout, StreamedPairs data,
                                                 FlowTrainer.Rows validation, double logThetaScale, long seed,
                                                 Rng shuffle, TrainingListener listener) {
        int xDim = validation.c()[0].length;
        MixtureNetwork net = network(config, layout, xDim, seed);
        MixtureObjective objective = new MixtureObjective(net, null, validation);
        net.fitShift(data.conditionalRows());
        TrainingOutcome outcome = EpochLoop.run(LABEL, config.schedule(), objective, data.windows(objective::trainOn),
                logThetaScale, shuffle, null, listener);
        return new Trained<>(net, outcome);
    }

    /**
     * A freshly initialised MDN network for x of {@code xDim} values; {@code seed} fixes its weights: Xavier's
     * normal weights, N(0, 2 / (fan-in + fan-out)), and zero biases; its mean shift, if the config asks for one, is
     * zero until {@link MixtureNetwork#fitShift}.
     */
    static MixtureNetwork network(NpeConfig config, MixtureLayout layout, int xDim, long seed) {
        List<Integer> widths = widths(config, layout, xDim);
        Rng rng = Rng.seeded(seed);
        List<double[]> arrays = new ArrayList<>();
        for (int l = 0; l + 1 < widths.size(); l++) {
            int in = widths.get(l);
            int out = widths.get(l + 1);
            double sd = Math.sqrt(2.0 / (in + out));
            double[] w = new double[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = sd * rng.nextGaussian();
            }
            arrays.add(w);
            arrays.add(new double[out]);
        }
        return MixtureNetwork.of(Mlp.ofLayerArrays(arrays, widths, config.activation()), layout,
                config.meanShift());
    }

    /** Input, hidden…, output widths of the MDN network for this config. */
    static List<Integer> widths(NpeConfig config, MixtureLayout layout, int xDim) {
        List<Integer> widths = new ArrayList<>();
        widths.add(xDim);
        widths.addAll(config.hiddenWidths());
        widths.add(layout.width());
        return widths;
    }
}
