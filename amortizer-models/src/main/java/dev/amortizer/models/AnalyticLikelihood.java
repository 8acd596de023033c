package dev.amortizer.models;

import dev.amortizer.task.LogLikelihood;

/** A {@link LogLikelihood} whose gradient is analytic: implementors write only {@link #logLikelihoodAndGradient}. */
abstract class AnalyticLikelihood implements LogLikelihood {
    private final int dim;

    AnalyticLikelihood(int dim) {
        this.dim = dim;
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        return logLikelihoodAndGradient(theta, x, new double[dim]);
    }

    @Override
    public abstract double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad);

    @Override
    public boolean hasAnalyticGradient() {
        return true;
    }
}
