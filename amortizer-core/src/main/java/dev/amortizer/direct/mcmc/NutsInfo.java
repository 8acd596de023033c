package dev.amortizer.direct.mcmc;

/**
 * What one NUTS transition did, kept apart from the chain's state.
 *
 * @param acceptanceStatistic the mean over the trajectory's points of min(1, exp(H₀ − H)), in [0, 1]: the quantity
 *                            step-size adaptation drives towards its target
 * @param divergent           whether the energy error exceeded the divergence threshold somewhere on the trajectory
 * @param treeDepth           the depth j of the final tree (2^j leapfrog steps when no U-turn stopped it early)
 * @param leapfrogSteps       leapfrog steps taken, each one gradient evaluation
 */
public record NutsInfo(double acceptanceStatistic, boolean divergent, int treeDepth, int leapfrogSteps) {
    public NutsInfo {
        if (!(acceptanceStatistic >= 0 && acceptanceStatistic <= 1)) {
            throw new IllegalArgumentException("acceptanceStatistic is " + acceptanceStatistic + ", expected [0, 1]");
        }
    }
}
