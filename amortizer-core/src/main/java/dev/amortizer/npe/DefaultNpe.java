package dev.amortizer.npe;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;

/**
 * NPE with the measured default estimators for the task ({@link Npe#withDefaultsFor(Task)}):
 * what {@code amortizer train --method npe} trains when no estimator is named.
 */
public final class DefaultNpe implements Amortiser {
    @Override
    public String name() {
        return "npe";
    }

    @Override
    public NpePosterior train(Task task, int simulations, Rng rng, CostMeter meter) {
        return Npe.withDefaultsFor(task).train(task, simulations, rng, meter);
    }
}
