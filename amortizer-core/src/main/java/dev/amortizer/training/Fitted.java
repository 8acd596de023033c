package dev.amortizer.training;

import dev.amortizer.cost.CostLedger;

/**
 * What {@link TrainingRun} gives an amortiser to build its posterior from.
 *
 * @param fitted          the trained network (or density), best weights in place
 * @param standardization the z-scores it was trained in
 * @param provenance      seed, simulations offered and dropped, epochs, validation loss, library version
 * @param ledger          the fixed cost: simulation (when simulated here) and training
 * @param outcome         how training went
 * @param <T>             what was trained
 */
public record Fitted<T>(T fitted, Standardization standardization, TrainingProvenance provenance, CostLedger ledger,
                        TrainingOutcome outcome) {
}
