package dev.amortizer.estimator;

import dev.amortizer.nn.TrainingFieldChecks;

/**
 * What flow matching (FMPE) needs beyond a network and a schedule: how the velocity field sees time, how narrow the
 * probability path ends, and how finely the ODE is integrated when drawing and when evaluating densities.
 *
 * @param frequencies Fourier features of t given to the network besides t itself: sin(kπt), cos(kπt) for
 *                    k = 1..frequencies (0..16)
 * @param sigmaMin    σ_min, the width the path narrows to at t = 1, in standardised units, in [0, 0.1]
 * @param odeSteps    fixed steps of the classical Runge–Kutta (RK4) integrator from t = 0 to 1 (1..10,000)
 */
public record FlowMatchingConfig(int frequencies, double sigmaMin, int odeSteps) {
    public FlowMatchingConfig {
        TrainingFieldChecks.range("frequencies", frequencies, 0, 16);
        if (!(sigmaMin >= 0 && sigmaMin <= 0.1)) {
            throw new IllegalArgumentException("sigmaMin must be in [0, 0.1], got " + sigmaMin);
        }
        TrainingFieldChecks.range("odeSteps", odeSteps, 1, 10_000);
    }

    /** The measured defaults: see {@link NpeConfig#defaults(Estimator)} for FMPE. */
    public static FlowMatchingConfig defaults() {
        return new FlowMatchingConfig(3, 1e-3, 20);
    }

    /** The same settings with another number of RK4 steps. */
    public FlowMatchingConfig withOdeSteps(int steps) {
        return new FlowMatchingConfig(frequencies, sigmaMin, steps);
    }
}
