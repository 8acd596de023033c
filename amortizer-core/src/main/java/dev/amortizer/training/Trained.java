package dev.amortizer.training;

/**
 * What a trainer returns: what it fitted (a network, with its best weights) and how training went.
 *
 * @param fitted  the trained thing
 * @param outcome epochs, losses, time and why training stopped
 * @param <T>     what is trained
 */
public record Trained<T>(T fitted, TrainingOutcome outcome) {
}
