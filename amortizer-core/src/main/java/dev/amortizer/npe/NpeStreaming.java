package dev.amortizer.npe;

import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.stream.ChunkedPairs;
import dev.amortizer.training.stream.StreamedSimulations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * NPE on more pairs than memory holds: the campaign's pairs (those {@link Npe#train} draws from the same generator)
 * are written to a directory in chunks of a fixed number of rows as they are simulated, then every candidate (the
 * MDN, a flow, an ensemble of flows, flow matching: one, or {@link DefaultNpe}'s several) is fitted on them streamed
 * back ({@link StreamedFit}, {@code training.stream.StreamedPairs}), each with its own split generator, held-out
 * rows and pass over the chunks, and the lowest validation loss is kept ({@link LowestValidationLoss}), as in memory.
 * Memory holds a window of chunks, one candidate's held-out rows and the best fit so far. The pairs are the in-memory
 * path's, the model is not: the held-out rows and the minibatches differ.
 */
final class NpeStreaming {
    private NpeStreaming() {
    }

    /**
     * Simulates {@code n} pairs into {@code directory} in chunks of {@code chunkRows} rows, then fits every candidate
     * on them and keeps the lowest validation loss (θ's units). {@code rng} is split as {@link Npe#train} splits it.
     */
    static NpePosterior train(List<Npe> candidates, Task task, int n, int chunkRows, Path directory, Rng rng,
                              CostMeter meter) throws IOException {
        candidates.forEach(npe -> requireStreamable(npe, task));
        CostMeter run = new CostMeter();
        StreamedSimulations sims = StreamedSimulations.simulate(task, n, chunkRows, directory, rng, run);
        ChunkedPairs pairs = sims.pairs();
        LowestValidationLoss rule = new LowestValidationLoss();
        // several candidates hold out the same rows, as in memory (NpeTraining)
        Long heldOutSeed = candidates.size() > 1 ? rng.nextLong() : null;
        for (Npe npe : candidates) {
            rule.offer(StreamedFit.fit(npe, task, pairs, rng.split(), heldOutSeed, run));
        }
        meter.add(run.ledger());
        return rule.kept(task, run.ledger())
                .withSource(SimulationSource.simulated(sims.failures()));
    }

    /** What a stream cannot train: checkpoints, a warm start; and a summary network needs the task's layout. */
    private static void requireStreamable(Npe npe, Task task) {
        if (npe.summary() != null) {
            NpeFit.layoutFor(task, npe.summary());
        }
        if (npe.checkpoints() != null) {
            throw new IllegalArgumentException("streaming simulations from disk has no per-epoch checkpoints;"
                    + " train without a checkpoint directory");
        }
        if (npe.hasStart()) {
            throw new IllegalArgumentException("streaming simulations from disk trains from a fresh initialisation;"
                    + " a warm start (startingFrom) needs its pairs in memory");
        }
    }
}
