package dev.amortizer.amortiser;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingListener;

/** Trains an {@link AmortisedPosterior} on a task's simulations; the same seed gives the same posterior. */
public interface Amortiser {
    /** A short name for reports and the command line, e.g. "npe-mdn" or "nle-maf". */
    String name();

    /** Simulates {@code simulations} pairs (θ, x) from the task's prior and simulator and trains on them. */
    AmortisedPosterior train(Task task, int simulations, Rng rng, CostMeter meter);

    /**
     * The same amortiser, telling {@code listener} how its training goes (the command line draws progress bars from
     * it). An amortiser that trains no network by epochs may ignore it: this default returns the amortiser as is.
     */
    default Amortiser withListener(TrainingListener listener) {
        return this;
    }
}
