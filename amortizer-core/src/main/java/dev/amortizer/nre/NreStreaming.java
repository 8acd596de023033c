package dev.amortizer.nre;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.stream.StreamedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * NRE on more pairs than memory holds ({@link StreamedRun}): the pairs {@link Nre#train} draws (the same generator's),
 * written to chunks as they are simulated, and the ratio classifier trained on them streamed back, a window of chunks
 * at a time, each minibatch's contrastive θ drawn from the minibatch as in memory. Memory holds the window and the
 * held-out pairs.
 */
final class NreStreaming {
    private NreStreaming() {
    }

    static NrePosterior train(Nre nre, Task task, int n, int chunkRows, Path directory, Rng rng, CostMeter meter)
            throws IOException {
        int d = task.parameterDim();
        int e = task.dataDim();
        NreConfig config = nre.config();
        return nre.posterior(task, StreamedRun.simulateAndFit(task, n, chunkRows, directory, config.schedule(), rng,
                meter, data -> nre.passesPerEpoch(data.trainingRows() + data.heldRows()), (data, seed, shuffle) -> {
                    RatioClassifier net = RatioClassifier.create(d, e, config.hiddenWidths(), config.activation(),
                            Rng.seeded(seed));
                    FlowTrainer.Rows held = data.heldOut();
                    RatioObjective objective = new RatioObjective(net, config, null, null, held.z(), held.c(),
                            IntStream.range(0, data.heldRows()).toArray());
                    return new Trained<>(net, EpochLoop.run(nre.trainingLabel(), config.schedule(), objective,
                            data.windows(w -> objective.trainOn(w.z(), w.c())), 0, shuffle, null, nre.listener()));
                }));
    }
}
