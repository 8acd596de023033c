package dev.amortizer.training.stream;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.Fitted;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The streamed fit of one network, as {@code TrainingRun} is the in-memory one: simulate into chunks
 * ({@link StreamedSimulations}, from {@code rng.split()}), then with the next split hold out rows by a seeded rule and
 * fit the standardisation ({@link StreamedPairs}, pairs with a non-finite value dropped), draw the network's seed and
 * train, all timed under {@link Phase#TRAINING}, and record the provenance. NLE and NRE fit this way.
 */
public final class StreamedRun {
    private StreamedRun() {
    }

    /** Trains one network on streamed pairs; {@code seed} fixes its initial weights, {@code shuffle} its order. */
    @FunctionalInterface
    public interface Fitter<T> {
        Trained<T> fit(StreamedPairs data, long seed, Rng shuffle);
    }

    /**
     * Simulates {@code n} pairs into {@code directory} in chunks of {@code chunkRows} rows and fits on them streamed
     * back. Costs go to {@code meter} and to the returned ledger.
     *
     * @param passesPerEpoch network forward passes one epoch makes on the data
     */
    @SuppressWarnings("try") // the timer only needs closing
    public static <T> Fitted<T> simulateAndFit(Task task, int n, int chunkRows, Path directory,
                                               TrainingSchedule schedule, Rng rng, CostMeter meter,
                                               ToLongFunction<StreamedPairs> passesPerEpoch, Fitter<T> fitter)
            throws IOException {
        CostMeter run = new CostMeter();
        StreamedSimulations sims = StreamedSimulations.simulate(task, n, chunkRows, directory, rng.split(), run);
        Rng fit = rng.split();
        StreamedPairs data;
        long seed;
        Trained<T> trained;
        try (var timer = run.start(Phase.TRAINING)) {
            data = StreamedPairs.prepare(sims.pairs(), new HeldOutRule(fit.nextLong(), schedule.validationFraction()),
                    InvalidSimulations.DROP, UnaryOperator.identity());
            seed = fit.nextLong();
            trained = fitter.fit(data, seed, fit.split());
            run.countForwardPasses(Phase.TRAINING, trained.outcome().epochs() * passesPerEpoch.applyAsLong(data));
        }
        meter.add(run.ledger());
        return new Fitted<>(trained.fitted(), data.standardization(), sims.provenance(seed, data, trained.outcome()),
                run.ledger().on(ComputeEnvironment.current()), trained.outcome());
    }
}
