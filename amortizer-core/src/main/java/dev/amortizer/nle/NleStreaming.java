package dev.amortizer.nle;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.FlowObjective;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.stream.StreamedRun;
import java.io.IOException;
import java.nio.file.Path;

/**
 * NLE on more pairs than memory holds ({@link StreamedRun}): the pairs {@link Nle#train} draws (the same generator's),
 * written to chunks as they are simulated, and the likelihood flow q(x | θ) fitted on them streamed back, x the
 * modelled side and θ the context, as in memory: a linear shift (where the architecture has one) by least squares over
 * two passes of the chunks, then the epochs, a window of chunks at a time. Memory holds the window and the held-out
 * rows. The model is not the in-memory one: the held-out rows and the minibatches differ.
 */
final class NleStreaming {
    private NleStreaming() {
    }

    static NlePosterior train(Nle nle, Task task, int n, int chunkRows, Path directory, Rng rng, CostMeter meter)
            throws IOException {
        int d = task.parameterDim();
        int e = task.dataDim();
        return nle.posterior(task, StreamedRun.simulateAndFit(task, n, chunkRows, directory, nle.config().schedule(),
                rng, meter, data -> data.trainingRows() + data.heldRows(), (data, seed, shuffle) -> {
                    FlowTrainer.Rows held = xGivenTheta(data.heldOut());
                    ConditionalFlow flow = ConditionalFlow.create(nle.config().flow(), e, d, Rng.seeded(seed));
                    flow.fitLinearShift(xGivenTheta(data.conditionalRows()));
                    FlowObjective objective = new FlowObjective(flow, null, held);
                    return new Trained<>(flow, EpochLoop.run(nle.trainingLabel(), nle.config().schedule(), objective,
                            data.windows(w -> objective.trainOn(xGivenTheta(w))), Nle.logXScale(data.standardization()),
                            shuffle, null, nle.listener()));
                }));
    }

    /** Rows of (θ, x) as (x, θ): the likelihood's modelled side first (the arrays shared, not copied). */
    private static FlowTrainer.Rows xGivenTheta(FlowTrainer.Rows thetaGivenX) {
        return new FlowTrainer.Rows(thetaGivenX.c(), thetaGivenX.z());
    }

    /** The streamed (θ, x) rows as (x, θ): the likelihood's modelled side first. */
    private static ConditionalRows xGivenTheta(ConditionalRows thetaGivenX) {
        return each -> thetaGivenX.forEach((theta, x) -> each.accept(x, theta));
    }
}
