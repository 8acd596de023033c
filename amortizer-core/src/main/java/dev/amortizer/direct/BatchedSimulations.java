package dev.amortizer.direct;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;

/**
 * Draws θ ~ p(θ), x ~ p(x | θ) in fixed batches: batch b covers simulations [bB, (b+1)B) and has
 * its own two generators (θ, then x), split in batch order. A batch cut short by a budget resumes
 * with the same generators, so for priors and simulators that draw row by row the simulations up
 * to any budget do not depend on the other budgets of the run.
 */
final class BatchedSimulations {
    private final Prior prior;
    private final Simulator simulator;
    private final int batchSize;
    private final Rng rng;
    private Rng thetaRng;
    private Rng xRng;
    private int leftInBatch;
    private long simulated;

    BatchedSimulations(Prior prior, Simulator simulator, int batchSize, Rng rng) {
        this.prior = prior;
        this.simulator = simulator;
        this.batchSize = batchSize;
        this.rng = rng;
    }

    /** Simulations run so far. */
    long simulated() {
        return simulated;
    }

    /** Simulates until {@code total} have been run, adding each to {@code archive}. */
    void simulateUntil(long total, SimulationArchive archive) {
        while (simulated < total) {
            if (leftInBatch == 0) {
                thetaRng = rng.split();
                xRng = rng.split();
                leftInBatch = batchSize;
            }
            int n = (int) Math.min(leftInBatch, total - simulated);
            double[][] theta = prior.sample(n, thetaRng);
            archive.add(theta, simulator.simulate(theta, xRng));
            simulated += n;
            leftInBatch -= n;
        }
    }
}
