package dev.amortizer.npe;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.nn.Mlp;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.Task;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.training.stream.ChunkedPairs;
import dev.amortizer.training.stream.HeldOutRule;
import dev.amortizer.training.stream.StreamedPairs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * NPE's MDN on more pairs than memory holds: the campaign's pairs (those {@link Npe#train} draws from the same
 * generator) are written to a directory in chunks of a fixed number of rows as they are simulated, then trained on
 * streamed back ({@link StreamedPairs}): validation rows held out by a seeded rule, the standardisation fitted in one
 * pass over the training rows, each epoch the chunks in a seeded order, rows shuffled within windows of chunks.
 * The pairs are the in-memory path's, the model is not: the held-out rows and the minibatches differ.
 */
final class NpeStreaming {
    private NpeStreaming() {
    }

    /**
     * Simulates {@code n} pairs into {@code directory} in chunks of {@code chunkRows} rows, then trains {@code npe}'s
     * configuration (the MDN, without a summary network) on them. {@code rng} is split as {@link Npe#train} splits it.
     */
    @SuppressWarnings("try") // the timer only needs closing
    static NpePosterior train(Npe npe, Task task, int n, int chunkRows, Path directory, Rng rng, CostMeter meter)
            throws IOException {
        NpeConfig config = npe.config();
        if (config.estimator() != Estimator.MDN || npe.summary() != null) {
            throw new IllegalArgumentException("streaming simulations from disk trains the mdn estimator without a"
                    + " summary network; " + npe.name() + " needs its pairs in memory");
        }
        if (npe.checkpoints() != null) {
            throw new IllegalArgumentException("streaming simulations from disk has no per-epoch checkpoints;"
                    + " train without a checkpoint directory");
        }
        if (n < 2) {
            throw new IllegalArgumentException("numSimulations must be >= 2, got " + n);
        }
        int d = task.parameterDim();
        int e = task.dataDim();
        CostMeter run = new CostMeter();
        ChunkedPairs.Writer writer = ChunkedPairs.writer(directory, n, chunkRows, d, e);
        FailureCounts failures = SimulationCampaign.inMemory().stream(task, n, rng, run, (first, theta, x) -> {
            for (int i = 0; i < theta.length; i++) {
                writer.append(theta[i], x[i]);
            }
        });
        ChunkedPairs pairs = writer.finish();
        Rng fit = rng.split();
        Bijection bijection = config.support() == SupportHandling.BIJECTION
                ? Bijection.forSupport(task.prior().support()) : null;
        UnaryOperator<double[]> toU = bijection == null ? UnaryOperator.identity() : bijection::inverse;
        StreamedPairs data;
        long seed;
        Trained<Mlp> trained;
        try (var timer = run.start(Phase.TRAINING)) {
            data = StreamedPairs.prepare(pairs, new HeldOutRule(fit.nextLong(),
                    config.schedule().validationFraction()), npe.invalidPolicy(), toU);
            seed = fit.nextLong();
            FlowTrainer.Rows held = FlowTrainer.Rows.ofFlat(data.heldTheta(), data.heldX(), data.heldRows(), d, e);
            trained = MdnTrainer.trainStreamed(config, new MixtureLayout(config.components(), d), data, held,
                    data.standardization().logThetaScale(), seed, fit.split(), npe.listener());
            run.countForwardPasses(Phase.TRAINING,
                    trained.outcome().epochs() * (data.trainingRows() + data.heldRows()));
        }
        meter.add(run.ledger());
        TrainingOutcome o = trained.outcome();
        double loss = o.bestValidationLoss() + meanLogDet(bijection, data.heldMappedTheta(), d);
        TrainingProvenance provenance = new TrainingProvenance(seed, n, Math.toIntExact(data.dropped()), o.epochs(),
                o.bestEpoch(), loss, TrainingProvenance.currentLibraryVersion());
        return NpePosterior.of(task, config, data.standardization(), bijection, provenance,
                run.ledger().on(ComputeEnvironment.current()), MdnDensity.of(config, d, e, trained.fitted()))
                .withSource(SimulationSource.simulated(failures));
    }

    /** Mean log |det ∂θ/∂u| over the held-out u (flat), as the in-memory fit adds it: the loss in θ's units. */
    private static double meanLogDet(Bijection bijection, double[] u, int d) {
        if (bijection == null) {
            return 0;
        }
        double sum = 0;
        int rows = u.length / d;
        for (int r = 0; r < rows; r++) {
            sum += bijection.logAbsDetJacobian(Arrays.copyOfRange(u, r * d, (r + 1) * d));
        }
        return sum / rows;
    }
}
