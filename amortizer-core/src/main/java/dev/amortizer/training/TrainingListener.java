package dev.amortizer.training;

/**
 * Hears how training goes: each run of a trainer (one network, one ensemble member) starts, ends epochs and
 * finishes. The command line turns these events into progress bars; the library draws nothing. Throwing from
 * {@link #epochDone} aborts training after that epoch's checkpoint (tests simulate crashes so).
 */
@FunctionalInterface
public interface TrainingListener {
    /** Hears nothing. */
    TrainingListener NONE = report -> { };

    /** A run called {@code label} (such as "NPE-nsf") starts, for at most {@code maxEpochs} epochs. */
    default void started(String label, int maxEpochs) {
    }

    /** An epoch ended; its checkpoint, if any, is written. */
    void epochDone(EpochReport report);

    /** The run called {@code label} finished as {@code outcome} says. */
    default void finished(String label, TrainingOutcome outcome) {
    }
}
