package dev.amortizer.diagnostics.observation;

/**
 * Sizes and level of the per-observation checks: simulations of the prior predictive for the typicality reference
 * and its calibration (prepared once), posterior draws simulated for the predictive check, amortised draws weighed
 * for Pareto-k̂, the level α of every test, and threads for the simulations (results do not depend on them).
 *
 * <p>{@code CheckOptions.defaults().withThreads(2)}
 */
public record CheckOptions(int referenceSimulations, int calibrationSimulations, int predictiveDraws,
                           int importanceDraws, double alpha, int threads) {
    public CheckOptions {
        if (referenceSimulations < 10 || referenceSimulations > TypicalityReference.MAX_REFERENCE) {
            throw new IllegalArgumentException("reference simulations must be in 10.."
                    + TypicalityReference.MAX_REFERENCE + ", got " + referenceSimulations);
        }
        if (calibrationSimulations < 10) {
            throw new IllegalArgumentException("calibration simulations must be >= 10, got " + calibrationSimulations);
        }
        if (predictiveDraws < 10) {
            throw new IllegalArgumentException("predictive draws must be >= 10, got " + predictiveDraws);
        }
        if (importanceDraws < 10) {
            throw new IllegalArgumentException("importance draws must be >= 10, got " + importanceDraws);
        }
        TypicalityReference.checkAlpha(alpha);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * 1,000 reference and 1,000 calibration simulations (the smallest p-value is then 1/1001, and the level of the
     * test given one seeded set of them varies around α by about 0.007, one standard deviation at α = 0.05), 500
     * predictive draws, 1,000 weighed draws, α = 0.05, one thread.
     */
    public static CheckOptions defaults() {
        return new CheckOptions(1000, 1000, 500, 1000, 0.05, 1);
    }

    public CheckOptions withThreads(int n) {
        return new CheckOptions(referenceSimulations, calibrationSimulations, predictiveDraws, importanceDraws, alpha,
                n);
    }

    public CheckOptions withAlpha(double a) {
        return new CheckOptions(referenceSimulations, calibrationSimulations, predictiveDraws, importanceDraws, a,
                threads);
    }
}
