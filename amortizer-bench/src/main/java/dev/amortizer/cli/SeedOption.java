package dev.amortizer.cli;

import dev.amortizer.random.Rng;
import picocli.CommandLine.Option;

/** The {@code --seed} every command accepts: the same seed gives the same output. */
final class SeedOption {
    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    Rng rng() {
        return Rng.seeded(seed);
    }
}
