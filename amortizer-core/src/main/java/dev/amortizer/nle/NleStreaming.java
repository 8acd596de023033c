package dev.amortizer.nle;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.EpochPass;
import dev.amortizer.training.FlowObjective;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.training.stream.ChunkedPairs;
import dev.amortizer.training.stream.HeldOutRule;
import dev.amortizer.training.stream.StreamedPairs;
import dev.amortizer.training.stream.StreamedSimulations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * NLE on more pairs than memory holds: the pairs {@link Nle#train} draws (the same generator's) are written to a
 * directory in chunks as they are simulated, then the likelihood flow q(x | θ) is fitted on them streamed back
 * ({@link StreamedPairs}), x the modelled side and θ the context, as in memory: the held-out rows picked by a seeded
 * rule, the standardisation fitted in one pass, a linear shift (where the architecture has one) by least squares over
 * two passes, then the epochs, a window of chunks at a time. Memory holds the window and the held-out rows. The model
 * is not the in-memory one: the held-out rows and the minibatches differ.
 */
final class NleStreaming {
    private NleStreaming() {
    }

    @SuppressWarnings("try") // the timer only needs closing
    static NlePosterior train(Nle nle, Task task, int n, int chunkRows, Path directory, Rng rng, CostMeter meter)
            throws IOException {
        int d = task.parameterDim();
        int e = task.dataDim();
        CostMeter run = new CostMeter();
        StreamedSimulations sims = StreamedSimulations.simulate(task, n, chunkRows, directory, rng.split(), run);
        ChunkedPairs pairs = sims.pairs();
        Rng fit = rng.split();
        StreamedPairs data;
        long seed;
        ConditionalFlow flow;
        TrainingOutcome outcome;
        try (var timer = run.start(Phase.TRAINING)) {
            data = StreamedPairs.prepare(pairs, new HeldOutRule(fit.nextLong(),
                    nle.config().schedule().validationFraction()), InvalidSimulations.DROP, UnaryOperator.identity());
            seed = fit.nextLong();
            FlowTrainer.Rows held = FlowTrainer.Rows.ofFlat(data.heldX(), data.heldTheta(), data.heldRows(), e, d);
            flow = ConditionalFlow.create(nle.config().flow(), e, d, Rng.seeded(seed));
            flow.fitLinearShift(xGivenTheta(data.conditionalRows()));
            FlowObjective objective = new FlowObjective(flow, null, held);
            EpochPass pass = data.pass(StreamedPairs.WINDOW_CHUNKS, (theta, x, rows) ->
                    objective.trainOn(FlowTrainer.Rows.ofFlat(x, theta, rows, e, d)));
            outcome = EpochLoop.run(nle.trainingLabel(), nle.config().schedule(), objective, pass,
                    Nle.logXScale(data.standardization()), fit.split(), null, nle.listener());
            run.countForwardPasses(Phase.TRAINING, outcome.epochs() * (data.trainingRows() + data.heldRows()));
        }
        meter.add(run.ledger());
        TrainingProvenance provenance = sims.provenance(seed, data, outcome);
        return nle.posterior(task, data.standardization(), flow, provenance,
                run.ledger().on(ComputeEnvironment.current()));
    }

    /** The streamed (θ, x) rows as (x, θ): the likelihood's modelled side first. */
    private static ConditionalRows xGivenTheta(ConditionalRows thetaGivenX) {
        return each -> thetaGivenX.forEach((theta, x) -> each.accept(x, theta));
    }
}
