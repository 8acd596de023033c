package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.ChainState;
import dev.amortizer.direct.mcmc.RandomWalkKernel;
import dev.amortizer.direct.mcmc.Transition;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chains of one random-walk Metropolis run, stepped one at a time in a fixed round-robin
 * (chain 0, 1, …, C − 1, 0, …) in one thread, each from its own generator. The run spends its
 * evaluations in three stretches: M for the starts ({@link ImportanceResampledStarts}), the rest of
 * the warm-up W adapting the proposal after every round ({@link ProposalAdaptation}), then steps
 * with the proposal frozen, whose positions are the draws.
 */
final class MetropolisChains {
    private final PosteriorTarget target;
    private final Prior prior;
    private final int chains;
    private final int initialDraws;
    private final long warmupSteps;
    private final Rng startRng;
    private final Rng[] chainRngs;
    private final String taskName;
    private final PooledDraws draws;
    private ChainState[] states;
    private RandomWalkKernel kernel;
    private ProposalAdaptation adaptation;
    private double frozenScale = Double.NaN;
    private double initialEffectiveSampleSize;
    private long steps;
    private double roundAcceptance;
    private long sampledSteps;
    private long acceptedSteps;

    /**
     * @param warmupEvaluations W, including the {@code initialDraws} spent on the starts; at least
     *                          {@code initialDraws + chains}
     */
    MetropolisChains(PosteriorTarget target, Prior prior, int chains, int initialDraws, long warmupEvaluations, Rng rng,
                     String taskName) {
        this.target = target;
        this.prior = prior;
        this.chains = chains;
        this.initialDraws = initialDraws;
        this.warmupSteps = warmupEvaluations - initialDraws;
        this.startRng = rng.split();
        this.chainRngs = rng.split(chains);
        this.taskName = taskName;
        this.draws = new PooledDraws(chains, prior.dim());
    }

    /** Steps until the target has been evaluated {@code evaluations} times in all. */
    void advanceTo(long evaluations) {
        if (states == null) {
            start();
        }
        while (target.evaluations() < evaluations) {
            int chain = (int) (steps % chains);
            Transition transition = kernel.step(chainRngs[chain], states[chain]);
            states[chain] = transition.state();
            steps++;
            if (adaptation != null) {
                adapt(chain, transition);
            } else {
                draws.add(chain, transition.state().position());
                sampledSteps++;
                acceptedSteps += transition.info().accepted() ? 1 : 0;
            }
        }
    }

    /** The post-warm-up draws of every chain so far, live. */
    PooledDraws pooled() {
        return draws;
    }

    Map<String, Double> diagnostics() {
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("chains", (double) chains);
        diagnostics.put("initial_draws", (double) initialDraws);
        diagnostics.put("initial_ess", initialEffectiveSampleSize);
        diagnostics.put("warmup_evaluations", (double) (initialDraws + warmupSteps));
        diagnostics.put("draws", (double) draws.size());
        diagnostics.put("acceptance_rate", sampledSteps == 0 ? Double.NaN : (double) acceptedSteps / sampledSteps);
        diagnostics.put("proposal_scale", frozenScale);
        return diagnostics;
    }

    private void start() {
        ImportanceResampledStarts starts = ImportanceResampledStarts.draw(target, prior, initialDraws, chains, startRng, taskName);
        states = starts.states();
        initialEffectiveSampleSize = starts.effectiveSampleSize();
        adaptation = new ProposalAdaptation(chains, starts.covariance());
        for (int c = 0; c < chains; c++) {
            adaptation.observe(c, states[c].position());
        }
        kernel = RandomWalkKernel.of(target, adaptation.proposal());
    }

    private void adapt(int chain, Transition transition) {
        adaptation.observe(chain, transition.state().position());
        roundAcceptance += transition.info().acceptanceProbability();
        boolean warmupEnds = steps == warmupSteps;
        if (chain == chains - 1 || warmupEnds) {
            adaptation.endRound(roundAcceptance / (chain + 1));
            roundAcceptance = 0;
            kernel = kernel.withProposal(adaptation.proposal());
        }
        if (warmupEnds) {
            frozenScale = adaptation.scale();
            adaptation = null;
        }
    }
}
