package dev.amortizer.nle;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.training.Standardization;

/**
 * The learned log-likelihood log q(x | θ) = log q'(x' | θ') − Σ log s_x of a flow fitted on z-scored pairs,
 * x' = (x − m_x)/s_x and θ' = (θ − m_θ)/s_θ. Immutable and thread-safe (the flow is only read).
 */
final class FlowLikelihood implements LogLikelihood {
    private final ConditionalFlow flow;
    private final Standardization standardization;
    private final double logXScale;

    FlowLikelihood(ConditionalFlow flow, Standardization standardization) {
        this.flow = flow;
        this.standardization = standardization;
        double s = 0;
        for (double sd : standardization.xSd()) {
            s += Math.log(sd);
        }
        this.logXScale = s;
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        double lq = flow.logProb(new double[][] {standardization.standardizeX(x)},
                new double[][] {standardization.standardizeTheta(theta)})[0];
        return Double.isNaN(lq) ? Double.NEGATIVE_INFINITY : lq - logXScale;
    }
}
