package dev.amortizer.direct.mcmc;

/**
 * What one NUTS transition did, kept apart from the chain's state.
 *
 * @param acceptanceStatistic the mean over the trajectory's points of min(1, exp(H₀ − H)), in [0, 1]: the quantity
 *                            step-size adaptation drives towards its target
 * @param divergent           whether the energy error H − H₀ of a leapfrog point exceeded the divergence threshold
 *                            (1000, Stan's): Stan's definition of a divergent transition
 * @param atZeroDensity       whether that point lay where π = 0 (log π = −∞: past a hard edge of the density), so
 *                            the error is infinite by definition rather than the integrator's failure; false when
 *                            not divergent
 * @param treeDepth           the depth j of the final tree (2^j leapfrog steps when no U-turn stopped it early)
 * @param leapfrogSteps       leapfrog steps taken, each one gradient evaluation
 */
public record NutsInfo(double acceptanceStatistic, boolean divergent, boolean atZeroDensity, int treeDepth,
                       int leapfrogSteps) {
    public NutsInfo {
        if (atZeroDensity && !divergent) {
            throw new IllegalArgumentException("atZeroDensity is true for a transition that did not diverge");
        }
        if (!(acceptanceStatistic >= 0 && acceptanceStatistic <= 1)) {
            throw new IllegalArgumentException("acceptanceStatistic is " + acceptanceStatistic + ", expected [0, 1]");
        }
    }
}
