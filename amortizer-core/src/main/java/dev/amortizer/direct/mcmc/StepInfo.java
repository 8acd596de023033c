package dev.amortizer.direct.mcmc;

/**
 * What one Metropolis step did, kept apart from the chain's state.
 *
 * @param accepted              whether the proposal became the new state
 * @param acceptanceProbability min(1, π(θ')/π(θ)), in [0, 1]
 */
public record StepInfo(boolean accepted, double acceptanceProbability) {
    public StepInfo {
        if (!(acceptanceProbability >= 0 && acceptanceProbability <= 1)) {
            throw new IllegalArgumentException("acceptanceProbability is " + acceptanceProbability + ", expected [0, 1]");
        }
    }
}
