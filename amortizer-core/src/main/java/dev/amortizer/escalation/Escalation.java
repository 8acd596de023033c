package dev.amortizer.escalation;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.amortiser.AmortisedProposal;
import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.ImportanceSampling;
import dev.amortizer.direct.MultiChainSampler;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Answers one query with the cheapest step that passes its check:
 * <ol>
 *   <li>the amortised posterior's draws, when the query gate does not flag x_o and a probe of importance weights
 *       p(θ) p(x_o | θ) / q(θ | x_o) is nearly flat (high ESS share, small Pareto-k̂);</li>
 *   <li>else importance sampling with q as proposal, when its k̂ and ESS pass;</li>
 *   <li>else MCMC on p(θ) p(x_o | θ), its chains started at step 2's draws (or q's, if every weight was zero).</li>
 * </ol>
 * A task without a tractable likelihood can be neither checked nor corrected: it gets the amortised answer, and the
 * reason says so. Every step's work is timed and counted on its own meter (phase QUERY).
 *
 * <p>{@code EscalatedAnswer a = Escalation.withDefaults().answer(task, npe, xObs, 10_000, Rng.seeded(1));}
 */
public final class Escalation {
    private final EscalationPolicy policy;
    private final QueryGate gate;

    public Escalation(EscalationPolicy policy, QueryGate gate) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    /** {@link EscalationPolicy#defaults()}, no query gate. */
    public static Escalation withDefaults() {
        return new Escalation(EscalationPolicy.defaults(), QueryGate.none());
    }

    public EscalationPolicy policy() {
        return policy;
    }

    /**
     * {@code n} draws for observation {@code x}. Generators, split up front in this order: step 1's draws, its probe,
     * step 2, step 3; so a step's draws do not depend on whether another ran.
     *
     * @throws IllegalArgumentException when {@code x} is not a valid observation of the task
     */
    @SuppressWarnings("try") // the timers only need closing
    public EscalatedAnswer answer(Task task, AmortisedDensity posterior, double[] x, int n, Rng rng) {
        task.checkObservation(x);
        Rng[] streams = rng.split(4);
        Map<Step, Cost> costs = new EnumMap<>(Step.class);
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        boolean checkable = task.likelihood().isPresent();
        CostMeter first = new CostMeter();
        Samples amortised;
        boolean flagged;
        Weights probe = null;
        try (var t = first.start(Phase.QUERY)) {
            amortised = posterior.sample(x, n, streams[0], first);
            flagged = gate.untrustworthy(x);
            if (checkable && !flagged) {
                probe = importance(task, posterior, x, policy.probeDraws(), policy.probeDraws(), streams[1], first);
            }
        }
        costs.put(Step.AMORTISED, first.ledger().get(Phase.QUERY));
        if (!checkable) {
            return done(amortised, Step.AMORTISED, costs, null, diagnostics, "task " + task.name()
                    + " has no tractable likelihood, so the amortised answer can be neither checked nor corrected");
        }
        if (probe != null) {
            diagnostics.put("probe_ess", probe.ess);
            diagnostics.put("probe_pareto_k", probe.paretoK);
            if (probe.ess >= policy.amortisedMinEssShare() * policy.probeDraws()
                    && probe.paretoK <= policy.amortisedMaxParetoK()) {
                return done(amortised, Step.AMORTISED, costs, probe, diagnostics, String.format(
                        "probe of %d importance weights: ESS %.0f, k̂ %.2f; the amortised posterior is trusted",
                        policy.probeDraws(), probe.ess, probe.paretoK));
            }
        }
        String why = flagged ? "the query gate flagged the observation" : String.format(
                "probe of %d importance weights: ESS %.0f, k̂ %.2f", policy.probeDraws(), probe.ess, probe.paretoK);

        CostMeter second = new CostMeter();
        Weights corrected;
        try (var t = second.start(Phase.QUERY)) {
            corrected = importance(task, posterior, x, policy.importanceDraws(), n, streams[2], second);
        }
        costs.put(Step.IMPORTANCE, second.ledger().get(Phase.QUERY));
        diagnostics.put("ess", corrected.ess);
        diagnostics.put("pareto_k", corrected.paretoK);
        String weighed = String.format("%s; %d importance draws: ESS %.0f, k̂ %.2f", why, policy.importanceDraws(),
                corrected.ess, corrected.paretoK);
        if (corrected.draws != null && corrected.paretoK <= policy.maxParetoK() && corrected.ess >= policy.minEss()) {
            return done(corrected.draws, Step.IMPORTANCE, costs, corrected, diagnostics, weighed + ", trusted");
        }

        CostMeter third = new CostMeter();
        Samples chained;
        try (var t = third.start(Phase.QUERY)) {
            Samples starts = corrected.draws != null ? corrected.draws : amortised;
            AnytimeAnswer a = mcmc().runFrom(starts.toArray(), task, x, new long[] {policy.mcmcEvaluations()}, n,
                    streams[3]).get(0);
            countWork(third, a);
            a.diagnostics().forEach((k, v) -> diagnostics.put("mcmc_" + k, v));
            chained = a.samples();
        }
        costs.put(Step.MCMC, third.ledger().get(Phase.QUERY));
        return done(chained, Step.MCMC, costs, corrected, diagnostics, String.format("%s, not trusted (k̂ ≤ %.2f and "
                + "ESS ≥ %.0f needed); %s sampling, %d chains started at those draws, %d evaluations", weighed,
                policy.maxParetoK(), policy.minEss(), mcmc().name(), policy.mcmcChains(), policy.mcmcEvaluations()));
    }

    private MultiChainSampler mcmc() {
        MultiChainSampler.Config config = MultiChainSampler.Config.defaults().withChains(policy.mcmcChains())
                .withWarmup(policy.mcmcWarmup()).withBalanceDraws(
                        (int) Math.min(MultiChainSampler.Config.defaults().balanceDraws(), policy.mcmcEvaluations() / 4));
        return policy.mcmcKernel() == MultiChainSampler.Kernel.NUTS ? MultiChainSampler.nuts(config)
                : MultiChainSampler.slice(config);
    }

    /** Weighs {@code draws} proposals from the posterior; null draws (ESS 0, k̂ ∞) when every weight is zero. */
    private static Weights importance(Task task, AmortisedDensity posterior, double[] x, long draws, int n, Rng rng,
                                      CostMeter meter) {
        ImportanceSampling is = ImportanceSampling.with(t -> new AmortisedProposal(posterior, x, meter,
                (int) Math.min(draws, 100_000)));
        try {
            AnytimeAnswer a = is.run(task, x, new long[] {draws}, n, rng).get(0);
            countWork(meter, a);
            return new Weights(a.samples(), a.diagnostics().get("ess"), a.diagnostics().get("pareto_k"));
        } catch (IllegalStateException e) {
            meter.countLikelihoodEvaluations(Phase.QUERY, draws);
            return new Weights(null, 0, Double.POSITIVE_INFINITY);
        }
    }

    /** Adds a direct method's counts to the meter; its wall and CPU time are already inside the step's timer. */
    private static void countWork(CostMeter meter, AnytimeAnswer a) {
        Cost c = a.queryCost();
        meter.add(Phase.QUERY, new Cost(0, 0, c.simulatorCalls(), c.likelihoodEvaluations(), c.gradientEvaluations(),
                c.forwardPasses(), 0));
    }

    private static EscalatedAnswer done(Samples draws, Step step, Map<Step, Cost> costs, Weights weights,
                                        Map<String, Double> diagnostics, String reason) {
        diagnostics.put("step", (double) step.number());
        return new EscalatedAnswer(draws, step, costs, weights == null ? Double.NaN : weights.paretoK,
                weights == null ? Double.NaN : weights.ess, reason, diagnostics);
    }

    /** Resampled draws of one importance run and the reliability of its weights. */
    private record Weights(Samples draws, double ess, double paretoK) {
    }
}
