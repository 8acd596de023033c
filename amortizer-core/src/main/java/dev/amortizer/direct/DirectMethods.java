package dev.amortizer.direct;

import java.util.List;

/** Every direct method by its command-line name, with default settings. */
public final class DirectMethods {
    private static final List<String> NAMES = List.of("rejection-abc", "smc-abc", "importance", "laplace", "mcmc", "nuts", "slice",
            "tsnpe", "tsnpe-warm");

    private DirectMethods() {
    }

    /** The names accepted by {@link #byName}. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The method called {@code name} with its default settings, or with {@code chains} chains where it runs chains
     * and {@code chains > 0}.
     */
    public static DirectMethod byName(String name, int chains) {
        return switch (name) {
            case "rejection-abc" -> RejectionAbc.of(RejectionAbc.Config.defaults());
            case "smc-abc" -> SmcAbc.of(SmcAbc.Config.defaults());
            case "importance" -> ImportanceSampling.withPrior();
            case "laplace" -> LaplaceApproximation.of(LaplaceApproximation.Config.defaults());
            case "mcmc" -> RandomWalkMetropolis.of(chains > 0 ? RandomWalkMetropolis.Config.defaults().withChains(chains)
                    : RandomWalkMetropolis.Config.defaults());
            case "nuts" -> MultiChainSampler.nuts(chainConfig(chains));
            case "slice" -> MultiChainSampler.slice(chainConfig(chains));
            case "tsnpe" -> Tsnpe.of(Tsnpe.Config.defaults());
            case "tsnpe-warm" -> Tsnpe.of(Tsnpe.Config.defaults().withWarmStart(true));
            default -> throw new IllegalArgumentException("method " + dev.amortizer.data.Quoted.plain(name) + " is not available; available: "
                    + String.join(", ", NAMES));
        };
    }

    private static MultiChainSampler.Config chainConfig(int chains) {
        MultiChainSampler.Config defaults = MultiChainSampler.Config.defaults();
        return chains > 0 ? defaults.withChains(chains) : defaults;
    }
}
