package dev.amortizer.amortiser;

import dev.amortizer.direct.MultiChainSampler;

/** Test-scope MCMC settings for NLE and NRE queries: 2 chains, 100 warm-up iterations, 500 start draws. */
public final class QuickMcmc {
    private QuickMcmc() {
    }

    public static SurrogateMcmc settings() {
        return new SurrogateMcmc(MultiChainSampler.Config.defaults().withChains(2).withWarmup(100)
                .withStartDraws(500).withBalanceDraws(0).withThreads(1), 1);
    }
}
