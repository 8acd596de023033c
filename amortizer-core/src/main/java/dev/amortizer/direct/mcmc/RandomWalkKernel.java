package dev.amortizer.direct.mcmc;

import dev.amortizer.random.Rng;
import java.util.Objects;

/**
 * Gaussian random-walk Metropolis: from θ propose θ' = θ + L z with z ~ N(0, I), and move there
 * with probability α = min(1, π(θ') / π(θ)); otherwise stay. The proposal is symmetric, so π is
 * invariant for any fixed L. A NaN log density at θ' counts as π(θ') = 0.
 *
 * <p>Each step evaluates the target once, at θ'; it draws D normals then one uniform from the
 * {@code rng} given. Immutable: adapting the proposal makes a new kernel.
 *
 * <p>{@code var kernel = RandomWalkKernel.of(target, CholeskyFactor.of(sigma)); var t = kernel.step(rng, kernel.init(theta0));}
 *
 * @see "Metropolis, Rosenbluth, Rosenbluth, Teller and Teller (1953), Equation of state calculations by fast
 *     computing machines, J. Chem. Phys. 21, 1087–1092"
 */
public final class RandomWalkKernel {
    private final LogDensity target;
    private final CholeskyFactor proposal;

    private RandomWalkKernel(LogDensity target, CholeskyFactor proposal) {
        this.target = target;
        this.proposal = proposal;
    }

    /** A kernel for {@code target} whose increments are N(0, L Lᵀ). */
    public static RandomWalkKernel of(LogDensity target, CholeskyFactor proposal) {
        return new RandomWalkKernel(Objects.requireNonNull(target, "target"), Objects.requireNonNull(proposal, "proposal"));
    }

    /** The same target with another proposal. */
    public RandomWalkKernel withProposal(CholeskyFactor newProposal) {
        return of(target, newProposal);
    }

    public CholeskyFactor proposal() {
        return proposal;
    }

    /** The state at {@code position}; evaluates the target once there. */
    public ChainState init(double[] position) {
        checkDimension(position.length);
        return new ChainState(position, target.logDensity(position.clone()));
    }

    /** One Metropolis step from {@code state}. */
    public Transition step(Rng rng, ChainState state) {
        checkDimension(state.dim());
        double[] candidate = proposal.perturb(state.position(), rng);
        double logDensity = target.logDensity(candidate.clone());
        double u = rng.nextDouble();
        double acceptance = Double.isNaN(logDensity) ? 0 : Math.min(1, Math.exp(logDensity - state.logDensity()));
        boolean accepted = u < acceptance;
        ChainState next = accepted ? new ChainState(candidate, logDensity) : state;
        return new Transition(next, new StepInfo(accepted, acceptance));
    }

    private void checkDimension(int dim) {
        if (dim != proposal.dim()) {
            throw new IllegalArgumentException("position has " + dim + " coordinates, the proposal " + proposal.dim());
        }
    }
}
