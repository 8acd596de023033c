package dev.amortizer.cli;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.model.ModelFile;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpeConfig;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amortizer train}: simulate, train an amortiser and save it as one model file. */
@Command(name = "train", description = "Train an amortiser on simulations and save it.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TaskOption taskOption;
    @Option(names = "--method", defaultValue = "npe", description = "amortiser: npe (default: ${DEFAULT-VALUE})")
    String method;
    @Option(names = "--estimator", defaultValue = "mdn", description = "density estimator: mdn (default: ${DEFAULT-VALUE})")
    String estimator;
    @Option(names = "--simulations", required = true, description = "simulation budget")
    long simulations;
    @Option(names = "--out", required = true, description = "model file to write (.zip)")
    Path out;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        Task task = taskOption.task();
        int n = Inputs.positive("--simulations", simulations);
        if (!method.equals("npe")) {
            throw new IllegalArgumentException("--method " + method + " is not available yet; available: npe");
        }
        if (!estimator.equals("mdn")) {
            throw new IllegalArgumentException("--estimator " + estimator + " is not available yet; available: mdn");
        }
        CostMeter meter = new CostMeter();
        NpePosterior posterior = new Npe(NpeConfig.defaults()).withProgressBar(System.console() != null)
                .train(task, n, seed.rng(), meter);
        ModelFile.save(posterior, out);
        var fixed = posterior.costLedger().fixed();
        System.out.printf("trained npe-%s on %,d simulations of %s in %.1f s; wrote %s%n", estimator, n, task.name(),
                fixed.wallSeconds(), out);
        return 0;
    }
}
