package dev.amortizer.npe;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.npe.fmpe.FlowMatchingTrainer;
import dev.amortizer.npe.fmpe.VelocityField;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.npe.mdn.MixtureNetwork;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.training.stream.ChunkedPairs;
import dev.amortizer.training.stream.HeldOutRule;
import dev.amortizer.training.stream.StreamedPairs;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * One NPE configuration fitted on chunked pairs, as {@link NpeFit} fits it on pairs in memory: θ mapped by the
 * prior's bijection when the configuration asks for it (a truncated one learns θ itself), validation rows held out by
 * a seeded rule, the standardisation fitted in one pass ({@link StreamedPairs}), then the MDN
 * ({@link MdnTrainer#trainStreamed}), a summary network with its flow ({@link SummaryTrainer#trainStreamed}), flow
 * matching's velocity field ({@link FlowMatchingTrainer#trainStreamed}) or a flow or ensemble of flows
 * ({@link StreamedFlowTrainer}). The validation loss is reported in θ's own units (the bijection's mean log-Jacobian
 * on the held-out rows added), so that candidates compare.
 */
final class StreamedFit {
    private StreamedFit() {
    }

    /**
     * Fits {@code npe}'s configuration: {@code rng} draws the held-out rule's seed unless {@code heldOutSeed} gives
     * it (null for none: candidates given the same seed hold out the same rows), then the network's seed, then its
     * shuffles. Training time and forward passes go to {@code run}; the posterior carries {@code run}'s ledger so far.
     */
    @SuppressWarnings("try") // the timer only needs closing
    static NpePosterior fit(Npe npe, Task task, ChunkedPairs pairs, Rng rng, Long heldOutSeed, CostMeter run)
            throws IOException {
        NpeConfig config = npe.config();
        Bijection bijection = config.support() == SupportHandling.BIJECTION
                ? Bijection.forSupport(task.prior().support()) : null;
        UnaryOperator<double[]> toU = bijection == null ? UnaryOperator.identity() : bijection::inverse;
        StreamedPairs data;
        long seed;
        Trained<StandardizedDensity> trained;
        try (var timer = run.start(Phase.TRAINING)) {
            // a summary network scales its raw input itself, as in memory
            data = StreamedPairs.prepare(pairs, new HeldOutRule(heldOutSeed != null ? heldOutSeed : rng.nextLong(),
                    config.schedule().validationFraction()), npe.invalidPolicy(), toU, npe.summary() == null);
            seed = rng.nextLong();
            FlowTrainer.Rows held = data.heldOut();
            trained = train(npe, task, data, held, seed, rng.split());
            run.countForwardPasses(Phase.TRAINING,
                    trained.outcome().epochs() * (data.trainingRows() + data.heldRows()));
        }
        TrainingOutcome o = trained.outcome();
        double loss = o.bestValidationLoss() + meanLogDet(bijection, data.heldMappedTheta(), task.parameterDim());
        TrainingProvenance provenance = new TrainingProvenance(seed, pairs.rows(), Math.toIntExact(data.dropped()),
                o.epochs(), o.bestEpoch(), loss, TrainingProvenance.currentLibraryVersion());
        return NpePosterior.of(task, config, data.standardization(), bijection, provenance,
                run.ledger().on(ComputeEnvironment.current()), trained.fitted());
    }

    private static Trained<StandardizedDensity> train(Npe npe, Task task, StreamedPairs data, FlowTrainer.Rows held,
                                                      long seed, Rng shuffle) {
        NpeConfig config = npe.config();
        int d = task.parameterDim();
        int e = task.dataDim();
        double logScale = data.standardization().logThetaScale();
        if (npe.summary() != null) {
            Trained<SummaryTrainer.Networks> r = SummaryTrainer.trainStreamed(config, npe.summary(),
                    NpeFit.layoutFor(task, npe.summary()), data, held, logScale, seed, shuffle, npe.listener());
            return new Trained<>(new SummarizedDensity(r.fitted().summary(), r.fitted().flow()), r.outcome());
        }
        if (config.estimator() == Estimator.MDN) {
            Trained<MixtureNetwork> r = MdnTrainer.trainStreamed(config, new MixtureLayout(config.components(), d), data, held,
                    logScale, seed, shuffle, npe.listener());
            return new Trained<>(MdnDensity.of(config, d, e, r.fitted()), r.outcome());
        }
        if (config.estimator() == Estimator.FMPE) {
            Trained<VelocityField> r = FlowMatchingTrainer.trainStreamed("NPE-" + config.estimator().label(), config,
                    data, held, logScale, seed, shuffle, npe.listener());
            return new Trained<>(new FlowMatchingDensity(r.fitted(), config.matching().odeSteps()), r.outcome());
        }
        return StreamedFlowTrainer.train("NPE-" + config.estimator().label(), config.flow(), config.schedule(), data,
                held, logScale, seed, shuffle, npe.listener());
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
