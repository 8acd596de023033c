package dev.amortizer.training;

/** What training does with a simulation whose x holds NaN or ±∞. */
public enum InvalidSimulations {
    /** Drop the pair, count it, and report the count in the model's provenance. */
    DROP,
    /** Refuse to train, naming the first such pair. */
    FAIL
}
