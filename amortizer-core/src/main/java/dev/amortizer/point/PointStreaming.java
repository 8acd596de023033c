package dev.amortizer.point;

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
 * Point estimation on more pairs than memory holds ({@link StreamedRun}): the pairs {@link PointEstimation#train}
 * draws (the same generator's), written to chunks as they are simulated, and the quantile network trained on them
 * streamed back, a window of chunks at a time. Memory holds the window and the held-out pairs. The model is not the
 * in-memory one: the held-out rows and the minibatches differ.
 */
final class PointStreaming {
    private PointStreaming() {
    }

    static PointPosterior train(PointEstimation point, Task task, int n, int chunkRows, Path directory, Rng rng,
                                CostMeter meter) throws IOException {
        PointConfig config = point.config();
        return point.posterior(task, StreamedRun.simulateAndFit(task, n, chunkRows, directory, config.schedule(), rng,
                meter, data -> data.trainingRows() + data.heldRows(), (data, seed, shuffle) -> {
                    QuantileNetwork net = point.network(task, seed);
                    FlowTrainer.Rows held = data.heldOut();
                    PointObjective objective = new PointObjective(net, null, null, held.c(), held.z(),
                            IntStream.range(0, data.heldRows()).toArray());
                    return new Trained<>(net, EpochLoop.run(PointEstimation.LABEL, config.schedule(), objective,
                            data.windows(w -> objective.trainOn(w.c(), w.z())), 0, shuffle, null, point.listener()));
                }));
    }
}
