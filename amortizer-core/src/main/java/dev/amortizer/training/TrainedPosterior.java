package dev.amortizer.training;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.task.Task;

/**
 * What every trained posterior carries beside its network: the task, the configuration it was trained with, the
 * standardisation of its training data (whose columns must be the task's), how it was trained and what it cost.
 *
 * @param <C> the amortiser's configuration
 */
public abstract class TrainedPosterior<C> {
    protected final Task task;
    protected final C config;
    protected final Standardization standardization;
    protected final TrainingProvenance provenance;
    protected final CostLedger costs;

    protected TrainedPosterior(Task task, C config, Standardization standardization, TrainingProvenance provenance,
                               CostLedger costs) {
        standardization.requireColumnsOf(task);
        this.task = task;
        this.config = config;
        this.standardization = standardization;
        this.provenance = provenance;
        this.costs = costs;
    }

    public int parameterDim() {
        return task.parameterDim();
    }

    public Task task() {
        return task;
    }

    public C config() {
        return config;
    }

    public Standardization standardization() {
        return standardization;
    }

    /** Seed, simulations, epochs and the best validation loss, of the estimator's own loss in the data's units. */
    public TrainingProvenance provenance() {
        return provenance;
    }

    /** What training cost: the simulation and training phases. */
    public CostLedger costLedger() {
        return costs;
    }
}
