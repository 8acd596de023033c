package dev.amortizer.nre;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.EpochPass;
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
import java.util.stream.IntStream;

/**
 * NRE on more pairs than memory holds: the pairs {@link Nre#train} draws (the same generator's) are written to a
 * directory in chunks as they are simulated, then the ratio classifier is trained on them streamed back
 * ({@link StreamedPairs}): the held-out pairs picked by a seeded rule, the standardisation fitted in one pass, then the
 * epochs, a window of chunks at a time, each minibatch's contrastive θ drawn from the minibatch as in memory. Memory
 * holds the window and the held-out pairs.
 */
final class NreStreaming {
    private NreStreaming() {
    }

    @SuppressWarnings("try") // the timer only needs closing
    static NrePosterior train(Nre nre, Task task, int n, int chunkRows, Path directory, Rng rng, CostMeter meter)
            throws IOException {
        int d = task.parameterDim();
        int e = task.dataDim();
        NreConfig config = nre.config();
        CostMeter run = new CostMeter();
        StreamedSimulations sims = StreamedSimulations.simulate(task, n, chunkRows, directory, rng.split(), run);
        ChunkedPairs pairs = sims.pairs();
        Rng fit = rng.split();
        StreamedPairs data;
        long seed;
        RatioClassifier net;
        TrainingOutcome outcome;
        try (var timer = run.start(Phase.TRAINING)) {
            data = StreamedPairs.prepare(pairs, new HeldOutRule(fit.nextLong(), config.schedule().validationFraction()),
                    InvalidSimulations.DROP, UnaryOperator.identity());
            seed = fit.nextLong();
            net = RatioClassifier.create(d, e, config.hiddenWidths(), config.activation(), Rng.seeded(seed));
            FlowTrainer.Rows held = FlowTrainer.Rows.ofFlat(data.heldTheta(), data.heldX(), data.heldRows(), d, e);
            RatioObjective objective = new RatioObjective(net, config, null, null, held.z(), held.c(),
                    IntStream.range(0, data.heldRows()).toArray());
            EpochPass pass = data.pass(StreamedPairs.WINDOW_CHUNKS, (theta, x, rows) -> {
                FlowTrainer.Rows window = FlowTrainer.Rows.ofFlat(theta, x, rows, d, e);
                objective.trainOn(window.z(), window.c());
            });
            outcome = EpochLoop.run(nre.trainingLabel(), config.schedule(), objective, pass, 0, fit.split(), null,
                    nre.listener());
            run.countForwardPasses(Phase.TRAINING,
                    outcome.epochs() * nre.passesPerEpoch(data.trainingRows() + data.heldRows()));
        }
        meter.add(run.ledger());
        TrainingProvenance provenance = sims.provenance(seed, data, outcome);
        return nre.posterior(task, data.standardization(), net, provenance,
                run.ledger().on(ComputeEnvironment.current()));
    }
}
