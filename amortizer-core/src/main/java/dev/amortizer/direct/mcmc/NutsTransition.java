package dev.amortizer.direct.mcmc;

/**
 * The result of a NUTS {@code step(rng, state)}: the new state and the step's diagnostics.
 *
 * @param state the chain's state after the step
 * @param info  what the step did
 */
public record NutsTransition(HamiltonianState state, NutsInfo info) {
    public NutsTransition {
        if (state == null || info == null) {
            throw new IllegalArgumentException("state and info must not be null, got " + state + ", " + info);
        }
    }
}
