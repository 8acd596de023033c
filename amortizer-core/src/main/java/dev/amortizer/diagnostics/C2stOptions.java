package dev.amortizer.diagnostics;

/**
 * Settings of a {@link C2st} run; {@link #defaults()} is sbibm's protocol.
 *
 * @param folds     cross-validation folds k ≥ 2 (sbibm: 5)
 * @param threads   folds trained at once, ≥ 1; the result does not depend on it
 * @param maxEpochs epoch cap per fold, ≥ 1 (scikit-learn's {@code max_iter}; sbibm: 10,000)
 * @param maxRows   rows used from each sample set, ≥ {@link C2st#MIN_ROWS} (sbibm: 10,000)
 * @param scored    folds trained and scored, the first 1..folds of the split (sbibm: all). Each scored fold's
 *                  classifier trains on the same (k−1)/k of the rows as in the full run, so its accuracy has the same
 *                  expectation as the full mean and costs scored/k as much; fewer folds add noise, not bias.
 */
public record C2stOptions(int folds, int threads, int maxEpochs, int maxRows, int scored) {
    public C2stOptions {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
        if (scored < 1 || scored > folds) {
            throw new IllegalArgumentException("scored folds must be 1.." + folds + ", got " + scored);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs must be >= 1, got " + maxEpochs);
        }
        if (maxRows < C2st.MIN_ROWS) {
            throw new IllegalArgumentException("maxRows must be >= " + C2st.MIN_ROWS + ", got " + maxRows);
        }
    }

    /** Every fold scored. */
    public C2stOptions(int folds, int threads, int maxEpochs, int maxRows) {
        this(folds, threads, maxEpochs, maxRows, folds);
    }

    /** sbibm's settings: 5 folds, 10,000 epochs at most, 10,000 rows, one thread per core up to 5. */
    public static C2stOptions defaults() {
        return new C2stOptions(5, Math.min(5, Runtime.getRuntime().availableProcessors()), 10_000, 10_000);
    }

    public C2stOptions withThreads(int newThreads) {
        return new C2stOptions(folds, newThreads, maxEpochs, maxRows, scored);
    }

    public C2stOptions withMaxEpochs(int newMaxEpochs) {
        return new C2stOptions(folds, threads, newMaxEpochs, maxRows, scored);
    }

    /** The same split with only its first {@code newScored} folds trained and scored. */
    public C2stOptions withScored(int newScored) {
        return new C2stOptions(folds, threads, maxEpochs, maxRows, newScored);
    }
}
