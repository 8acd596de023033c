package dev.amortizer.training;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The fit every amortiser runs, in one place: simulate (or take given pairs), prepare them ({@link TrainingData}),
 * draw the network's seed, train, and account for it all: training time and forward passes under
 * {@link Phase#TRAINING}, time of resumed checkpoints included, and the provenance of the result; the ledger says
 * on which {@link ComputeEnvironment} it was measured.
 *
 * <p>{@code Fitted<Net> f = TrainingRun.simulateAndFit(task, n, schedule, rng, meter, TrainingData::keptRows, fitter);}
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /** Trains one network on prepared data; {@code seed} fixes its initial weights, {@code rng} its shuffles. */
    @FunctionalInterface
    public interface Fitter<T> {
        Trained<T> fit(TrainingData data, long seed, Rng rng);
    }

    /**
     * Simulates {@code n} pairs from {@code rng.split()}, then {@link #fit fits} on them with the next split. Costs
     * go to {@code meter} (simulation and training) and to the returned ledger.
     *
     * @param passesPerEpoch network forward passes one epoch makes on the data
     */
    public static <T> Fitted<T> simulateAndFit(Task task, int n, TrainingSchedule schedule, Rng rng, CostMeter meter,
                                               ToLongFunction<TrainingData> passesPerEpoch, Fitter<T> fitter) {
        CostMeter run = new CostMeter();
        TrainingSimulations sims = TrainingSimulations.simulate(task, n, rng.split(), run);
        return fit(sims, schedule, rng.split(), run, meter, passesPerEpoch, fitter);
    }

    /**
     * Fits on given pairs: prepares them with a split of {@code rng}, then draws the seed and trains with
     * {@code rng}. {@code run} holds what was spent before (the simulations); its ledger, training added, goes to
     * {@code meter}.
     */
    public static <T> Fitted<T> fit(TrainingSimulations sims, TrainingSchedule schedule, Rng rng, CostMeter run,
                                    CostMeter meter, ToLongFunction<TrainingData> passesPerEpoch, Fitter<T> fitter) {
        return fit(r -> TrainingData.prepare(sims, schedule.validationFraction(), r), rng.split(), rng, run, meter,
                new CarriedCost(), passesPerEpoch, fitter);
    }

    /**
     * The general fit: {@code prepare} makes the data from {@code prepareRng} (which may be {@code rng} itself),
     * then the seed is {@code rng.nextLong()} and the fitter trains with {@code rng.split()}, all timed under
     * {@link Phase#TRAINING}; what {@code carried} says earlier processes spent on resumed checkpoints is added.
     */
    @SuppressWarnings("try") // the timer only needs closing
    public static <T> Fitted<T> fit(Function<Rng, TrainingData> prepare, Rng prepareRng, Rng rng, CostMeter run,
                                    CostMeter meter, CarriedCost carried, ToLongFunction<TrainingData> passesPerEpoch,
                                    Fitter<T> fitter) {
        TrainingData data;
        Trained<T> trained;
        long seed;
        try (var timer = run.start(Phase.TRAINING)) {
            data = prepare.apply(prepareRng);
            seed = rng.nextLong();
            trained = fitter.fit(data, seed, rng.split());
            run.countForwardPasses(Phase.TRAINING, trained.outcome().epochs() * passesPerEpoch.applyAsLong(data));
        }
        run.add(Phase.TRAINING, carried.earlier());
        meter.add(run.ledger());
        TrainingOutcome outcome = trained.outcome();
        return new Fitted<>(trained.fitted(), data.standardization(),
                data.provenance(seed, outcome), run.ledger().on(ComputeEnvironment.current()), outcome);
    }
}
