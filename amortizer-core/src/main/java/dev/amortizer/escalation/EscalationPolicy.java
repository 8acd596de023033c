package dev.amortizer.escalation;

import dev.amortizer.diagnostics.importance.ParetoKhat;
import dev.amortizer.direct.MultiChainSampler;
import java.util.Objects;

/**
 * When each step of an {@link Escalation} is trusted, and what each may spend. Importance weights are
 * w ∝ p(θ) p(x_o | θ) / q(θ | x_o); ESS is Kish's (Σw)²/Σw², k̂ the Pareto shape of their tail ({@link ParetoKhat}).
 *
 * @param probeDraws          step 1's check: proposal draws weighed to judge the amortised answer, ≥ 10
 * @param amortisedMinEssShare step 1 answers when ESS/probeDraws is at least this, in (0, 1] (an exact posterior
 *                            gives equal weights, 1)
 * @param amortisedMaxParetoK step 1 answers only when k̂ is at most this (below 0.5: weights of finite variance)
 * @param importanceDraws     step 2's proposal draws, ≥ probeDraws
 * @param maxParetoK          step 2 answers when k̂ is at most this (Vehtari et al.: above 0.7 unreliable)
 * @param minEss              ... and its ESS is at least this, ≥ 1
 * @param minPredictedEssShare step 2 is tried only when the ESS the probe predicts for it (the probe's ESS share
 *                            times importanceDraws; ESS grows in proportion to the draws) is at least this share of
 *                            minEss, in [0, 1]; 0 always tries it. Below 1 because the probe's share is noisy
 *                            (it fell short of step 2's by up to a factor 1.3 where the probe's k̂ was at most 1)
 * @param mcmcEvaluations     step 3's likelihood evaluations, all chains together
 * @param mcmcChains          step 3's chains, each started at a weighed draw of step 2 or the probe, ≥ 1
 * @param mcmcWarmup          step 3's warm-up iterations per chain, ≥ 20 (short: the chains start in the posterior)
 * @param mcmcKernel          step 3's kernel; slice sampling needs no gradient and is the project's method for
 *                            multimodal posteriors (amortizer-bench/results/direct-methods.md)
 */
public record EscalationPolicy(int probeDraws, double amortisedMinEssShare, double amortisedMaxParetoK,
                               long importanceDraws, double maxParetoK, double minEss, double minPredictedEssShare,
                               long mcmcEvaluations,
                               int mcmcChains, int mcmcWarmup, MultiChainSampler.Kernel mcmcKernel) {
    public EscalationPolicy {
        if (probeDraws < 10) {
            throw new IllegalArgumentException("probeDraws is " + probeDraws + ", expected >= 10 (Pareto-k needs 10 weights)");
        }
        if (!(amortisedMinEssShare > 0 && amortisedMinEssShare <= 1)) {
            throw new IllegalArgumentException("amortisedMinEssShare is " + amortisedMinEssShare + ", expected (0, 1]");
        }
        if (!Double.isFinite(maxParetoK)) {
            throw new IllegalArgumentException("maxParetoK is " + maxParetoK + ", expected a finite number");
        }
        if (!(amortisedMaxParetoK <= maxParetoK)) {
            throw new IllegalArgumentException("amortisedMaxParetoK is " + amortisedMaxParetoK
                    + ", expected a number <= maxParetoK (" + maxParetoK + ")");
        }
        if (importanceDraws < probeDraws || importanceDraws > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("importanceDraws is " + importanceDraws + ", expected " + probeDraws
                    + " (probeDraws) .. " + Integer.MAX_VALUE);
        }
        if (!(minEss >= 1)) {
            throw new IllegalArgumentException("minEss is " + minEss + ", expected >= 1");
        }
        if (!(minPredictedEssShare >= 0 && minPredictedEssShare <= 1)) {
            throw new IllegalArgumentException("minPredictedEssShare is " + minPredictedEssShare
                    + ", expected [0, 1] (0: always try importance sampling)");
        }
        if (mcmcChains < 1) {
            throw new IllegalArgumentException("mcmcChains is " + mcmcChains + ", expected >= 1");
        }
        if (mcmcWarmup < 20) {
            throw new IllegalArgumentException("mcmcWarmup is " + mcmcWarmup + ", expected >= 20");
        }
        if (mcmcEvaluations < 20L * mcmcChains) {
            throw new IllegalArgumentException("mcmcEvaluations is " + mcmcEvaluations + ", expected >= "
                    + 20L * mcmcChains + " (20 per chain)");
        }
        Objects.requireNonNull(mcmcKernel, "mcmcKernel");
    }

    /**
     * A probe of 1,000 draws, trusted at ESS ≥ 90% of them and k̂ ≤ 0.5; 10,000 importance draws (the probe's
     * among them), tried when the probe predicts an ESS of at least 500 and trusted at k̂ ≤ 0.7 and ESS ≥ 1,000;
     * then 200,000 evaluations of slice sampling in 8 chains with 200 warm-up iterations.
     */
    public static EscalationPolicy defaults() {
        return new EscalationPolicy(1_000, 0.9, 0.5, 10_000, ParetoKhat.RELIABLE_LIMIT, 1_000, 0.5, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE);
    }

    public EscalationPolicy withImportanceDraws(long draws) {
        return new EscalationPolicy(probeDraws, amortisedMinEssShare, amortisedMaxParetoK, draws, maxParetoK, minEss,
                minPredictedEssShare, mcmcEvaluations, mcmcChains, mcmcWarmup, mcmcKernel);
    }

    public EscalationPolicy withMcmcEvaluations(long evaluations) {
        return new EscalationPolicy(probeDraws, amortisedMinEssShare, amortisedMaxParetoK, importanceDraws, maxParetoK,
                minEss, minPredictedEssShare, evaluations, mcmcChains, mcmcWarmup, mcmcKernel);
    }

    public EscalationPolicy withMaxParetoK(double k) {
        return new EscalationPolicy(probeDraws, amortisedMinEssShare, Math.min(amortisedMaxParetoK, k), importanceDraws,
                k, minEss, minPredictedEssShare, mcmcEvaluations, mcmcChains, mcmcWarmup, mcmcKernel);
    }

    public EscalationPolicy withMinPredictedEssShare(double share) {
        return new EscalationPolicy(probeDraws, amortisedMinEssShare, amortisedMaxParetoK, importanceDraws, maxParetoK,
                minEss, share, mcmcEvaluations, mcmcChains, mcmcWarmup, mcmcKernel);
    }

    /** Whether a probe of this ESS predicts that step 2 can reach {@link #minEss}, within the allowed share. */
    public boolean importanceWorthTrying(double probeEss) {
        return probeEss / probeDraws * importanceDraws >= minPredictedEssShare * minEss;
    }
}
