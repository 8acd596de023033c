package dev.amortizer.training.stream;

import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingProvenance;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pairs simulated straight into chunks on disk, as a streamed fit starts: the campaign draws the pairs an in-memory fit
 * would draw from the same generator, and each batch is appended to {@link ChunkedPairs} as it arrives.
 *
 * @param pairs    the chunks written
 * @param failures the failed simulations by kind, as the campaign counted them
 */
public record StreamedSimulations(ChunkedPairs pairs, FailureCounts failures) {
    /** Simulates {@code n} pairs from {@code rng} into {@code directory}, {@code chunkRows} rows a chunk. */
    public static StreamedSimulations simulate(Task task, int n, int chunkRows, Path directory, Rng rng,
                                               CostMeter run) throws IOException {
        if (n < 2) {
            throw new IllegalArgumentException("numSimulations must be >= 2, got " + n);
        }
        ChunkedPairs.Writer writer = ChunkedPairs.writer(directory, n, chunkRows, task.parameterDim(),
                task.dataDim());
        FailureCounts failures = SimulationCampaign.inMemory().stream(task, n, rng, run, (first, theta, x) -> {
            for (int i = 0; i < theta.length; i++) {
                writer.append(theta[i], x[i]);
            }
        });
        return new StreamedSimulations(writer.finish(), failures);
    }

    /** Where a network trained on these pairs came from: its seed, the pairs, those dropped, how training went. */
    public TrainingProvenance provenance(long seed, StreamedPairs data, TrainingOutcome outcome) {
        return new TrainingProvenance(seed, pairs.rows(), Math.toIntExact(data.dropped()),
                outcome.epochs(), outcome.bestEpoch(), outcome.bestValidationLoss(),
                TrainingProvenance.currentLibraryVersion(), SimulationSource.simulated(failures));
    }
}
