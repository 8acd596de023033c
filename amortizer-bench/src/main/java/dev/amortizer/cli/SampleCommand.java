package dev.amortizer.cli;

import dev.amortizer.model.ModelFile;
import dev.amortizer.npe.NpePosterior;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amortizer sample}: posterior draws from a trained model for an observation. */
@Command(name = "sample", description = "Draw from a trained model's posterior for an observation.")
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file written by `amortizer train`")
    Path model;
    @Mixin
    QueryOptions query;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        int count = query.count();
        NpePosterior posterior = ModelFile.load(model, Inputs::task);
        double[] x = query.observation(posterior.task());
        query.write(posterior.sample(x, count, seed.rng()), "posterior draws");
        return 0;
    }
}
