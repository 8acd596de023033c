package dev.amortizer.cli;

import dev.amortizer.data.SamplesCsv;
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
    @Option(names = "--observation", required = true, description = "CSV with one data row")
    Path observation;
    @Option(names = "--n", required = true, description = "number of draws")
    long n;
    @Option(names = "--out", required = true, description = "output CSV (.csv or .csv.gz)")
    Path out;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        int count = Inputs.positive("--n", n);
        NpePosterior posterior = ModelFile.load(model, Inputs::task);
        double[] x = Inputs.observation(observation, posterior.task());
        SamplesCsv.write(posterior.sample(x, count, seed.rng()), out);
        System.out.println("wrote " + count + " posterior draws to " + out);
        return 0;
    }
}
