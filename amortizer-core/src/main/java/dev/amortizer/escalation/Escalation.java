package dev.amortizer.escalation;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.direct.AnytimeAnswer;
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
 *   <li>else importance sampling with q as proposal, the probe's draws among its own, when its k̂ and ESS pass; not
 *       tried at all when the probe's ESS share predicts too small an ESS for it (ESS grows in proportion to the
 *       draws), since its draws and their log q would be paid for nothing;</li>
 *   <li>else MCMC on p(θ) p(x_o | θ), its chains started at the weighed draws (step 2's, or the probe's where step 2
 *       was skipped): resampled by weight when their ESS is at least the number of chains, else as drawn from q
 *       (those of nonzero weight; fresh draws from q if every weight was zero).</li>
 * </ol>
 * The amortised answer's draws are made only where step 1 answers: a query that escalates does not pay for them.
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
     * {@code n} draws for observation {@code x}. Generators, split up front in this order: the amortised draws, the
     * probe, step 2's further draws, step 3 (and the resampling of the draws it starts from); so a step's draws do not
     * depend on whether another ran.
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
        boolean flagged;
        WeightedDraws probe = null;
        try (var t = first.start(Phase.QUERY)) {
            flagged = gate.untrustworthy(x);
            if (checkable && !flagged) {
                probe = WeightedDraws.propose(task, posterior, x, policy.probeDraws(), streams[1], first);
            }
        }
        if (!checkable) {
            Samples amortised = amortised(posterior, x, n, streams[0], first);
            costs.put(Step.AMORTISED, first.ledger().get(Phase.QUERY));
            return done(amortised, Step.AMORTISED, costs, null, diagnostics, "task " + task.name()
                    + " has no tractable likelihood, so the amortised answer can be neither checked nor corrected");
        }
        String why = "the query gate flagged the observation";
        if (probe != null) {
            diagnostics.put("probe_ess", probe.ess());
            diagnostics.put("probe_pareto_k", probe.paretoK());
            why = String.format("probe of %d importance weights: ESS %.0f, k̂ %.2f", policy.probeDraws(), probe.ess(),
                    probe.paretoK());
            if (probe.essShare() >= policy.amortisedMinEssShare() && probe.paretoK() <= policy.amortisedMaxParetoK()) {
                Samples amortised = amortised(posterior, x, n, streams[0], first);
                costs.put(Step.AMORTISED, first.ledger().get(Phase.QUERY));
                return done(amortised, Step.AMORTISED, costs, probe, diagnostics, why
                        + "; the amortised posterior is trusted");
            }
        }
        costs.put(Step.AMORTISED, first.ledger().get(Phase.QUERY));

        WeightedDraws weighed = probe;
        if (probe == null || policy.importanceWorthTrying(probe.ess())) {
            CostMeter second = new CostMeter();
            try (var t = second.start(Phase.QUERY)) {
                weighed = importance(task, posterior, x, probe, streams[2], second);
            }
            costs.put(Step.IMPORTANCE, second.ledger().get(Phase.QUERY));
            diagnostics.put("ess", weighed.ess());
            diagnostics.put("pareto_k", weighed.paretoK());
            why = String.format("%s; %d importance draws: ESS %.0f, k̂ %.2f", why, weighed.size(), weighed.ess(),
                    weighed.paretoK());
            if (weighed.paretoK() <= policy.maxParetoK() && weighed.ess() >= policy.minEss()) {
                return done(weighed.resample(n, streams[2]), Step.IMPORTANCE, costs, weighed, diagnostics,
                        why + ", trusted");
            }
            why += String.format(", not trusted (k̂ ≤ %.2f and ESS ≥ %.0f needed)", policy.maxParetoK(),
                    policy.minEss());
        } else {
            why += String.format(", predicting an ESS of %.0f for %d importance draws (%.0f needed to try them)",
                    probe.essShare() * policy.importanceDraws(), policy.importanceDraws(),
                    policy.minPredictedEssShare() * policy.minEss());
        }

        CostMeter third = new CostMeter();
        Samples chained;
        try (var t = third.start(Phase.QUERY)) {
            // resampled by weight where that leaves each chain its own start; else q's draws as they came, which
            // spread over every mode q has rather than piling the chains on the few heaviest draws
            Samples starts = weighed.ess() >= policy.mcmcChains() ? weighed.resample(n, streams[3])
                    : weighed.supported();
            if (starts == null) { // every weight zero: start at the amortised draws
                starts = posterior.sample(x, n, streams[0], third);
            }
            AnytimeAnswer a = mcmc().runFrom(starts.toArray(), task, x, new long[] {policy.mcmcEvaluations()}, n,
                    streams[3]).get(0);
            countWork(third, a);
            a.diagnostics().forEach((k, v) -> diagnostics.put("mcmc_" + k, v));
            chained = a.samples();
        }
        costs.put(Step.MCMC, third.ledger().get(Phase.QUERY));
        return done(chained, Step.MCMC, costs, weighed, diagnostics, String.format("%s; %s sampling, %d chains "
                + "started at those draws, %d evaluations", why, mcmc().name(), policy.mcmcChains(),
                policy.mcmcEvaluations()));
    }

    private MultiChainSampler mcmc() {
        MultiChainSampler.Config config = MultiChainSampler.Config.defaults().withChains(policy.mcmcChains())
                .withWarmup(policy.mcmcWarmup()).withBalanceDraws(
                        (int) Math.min(MultiChainSampler.Config.defaults().balanceDraws(), policy.mcmcEvaluations() / 4));
        return policy.mcmcKernel() == MultiChainSampler.Kernel.NUTS ? MultiChainSampler.nuts(config)
                : MultiChainSampler.slice(config);
    }

    /** The probe's draws and as many more as make step 2's, weighed (all of them, without a probe). */
    private WeightedDraws importance(Task task, AmortisedDensity posterior, double[] x, WeightedDraws probe, Rng rng,
                                     CostMeter meter) {
        int more = (int) (policy.importanceDraws() - (probe == null ? 0 : probe.size()));
        if (more == 0) {
            return probe;
        }
        WeightedDraws drawn = WeightedDraws.propose(task, posterior, x, more, rng, meter);
        return probe == null ? drawn : probe.plus(drawn);
    }

    /** The amortised posterior's own {@code n} draws, timed and counted on {@code meter}. */
    @SuppressWarnings("try") // the timer only needs closing
    private static Samples amortised(AmortisedDensity posterior, double[] x, int n, Rng rng, CostMeter meter) {
        try (var t = meter.start(Phase.QUERY)) {
            return posterior.sample(x, n, rng, meter);
        }
    }

    /** Adds a direct method's counts to the meter; its wall and CPU time are already inside the step's timer. */
    private static void countWork(CostMeter meter, AnytimeAnswer a) {
        Cost c = a.queryCost();
        meter.add(Phase.QUERY, new Cost(0, 0, c.simulatorCalls(), c.likelihoodEvaluations(), c.gradientEvaluations(),
                c.forwardPasses(), 0));
    }

    private static EscalatedAnswer done(Samples draws, Step step, Map<Step, Cost> costs, WeightedDraws weights,
                                        Map<String, Double> diagnostics, String reason) {
        diagnostics.put("step", (double) step.number());
        return new EscalatedAnswer(draws, step, costs, weights == null ? Double.NaN : weights.paretoK(),
                weights == null ? Double.NaN : weights.ess(), reason, diagnostics);
    }
}
