package dev.amortizer.diagnostics;

import java.util.List;

/**
 * The outcome of a {@link C2st} run: accuracy = (1/m) Σ_f accuracy_f over the m scored test folds (all k of them
 * unless {@link C2stOptions#scored()} says fewer).
 *
 * @param accuracy       mean test accuracy; 0.5 means indistinguishable, 1.0 separable
 * @param foldAccuracies test accuracy of each scored fold, in fold order
 * @param foldEpochs     training epochs each scored fold ran (equal to the cap if it did not converge)
 * @param rows           rows used from each sample set, n = min(|X|, |Y|, maxRows)
 * @param wallSeconds    wall-clock time of the whole run
 */
public record C2stResult(double accuracy, List<Double> foldAccuracies, List<Integer> foldEpochs,
                         int rows, double wallSeconds) {
    public C2stResult {
        foldAccuracies = List.copyOf(foldAccuracies);
        foldEpochs = List.copyOf(foldEpochs);
        if (foldAccuracies.isEmpty() || foldAccuracies.size() != foldEpochs.size()) {
            throw new IllegalArgumentException("need one accuracy and one epoch count per fold, got "
                    + foldAccuracies.size() + " and " + foldEpochs.size());
        }
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        if (!(wallSeconds >= 0)) {
            throw new IllegalArgumentException("wallSeconds must be >= 0, got " + wallSeconds);
        }
    }
}
