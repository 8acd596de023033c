package dev.amortizer.diagnostics.observation;

/**
 * Where x_o falls in the posterior predictive ({@link PredictiveCheck}): per coordinate its quantile and two-sided
 * p-value, one overall distance-based p-value, and how many simulations were used and dropped (non-finite).
 */
public record Predictive(double[] quantiles, double[] pValues, double overallPValue, int simulations, int dropped) {
    public Predictive {
        quantiles = quantiles.clone();
        pValues = pValues.clone();
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    @Override
    public double[] pValues() {
        return pValues.clone();
    }
}
