package dev.amortizer.diagnostics.observation;

/**
 * One observation against the prior predictive: its MMD² to the reference simulations, the conformal p-value of that
 * statistic, and whether p ≤ α.
 */
public record Typicality(double mmdSquared, double pValue, boolean atypical, double alpha) {
}
