package dev.amortizer.cli;

import dev.amortizer.model.ModelFile;
import dev.amortizer.amortiser.AmortisedPosterior;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code amortizer sample}: posterior draws from a trained model of any kind for an observation; NLE and NRE models
 * run their MCMC here, point estimators draw from their per-parameter quantile functions.
 */
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
        AmortisedPosterior posterior = ModelFile.loadAny(model, Inputs::task);
        double[] x = query.observation(Inputs.task(ModelFile.readManifest(model).task()));
        query.write(posterior.sample(x, count, seed.rng()), "posterior draws");
        return 0;
    }
}
