package dev.amortizer.cli;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.model.ModelFile;
import dev.amortizer.npe.Estimator;
import dev.amortizer.npe.InvalidSimulations;
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
    @Option(names = "--estimator", description = "density estimator: mdn, maf, nsf or coupling (default: mdn)")
    String estimator;
    @Option(names = "--checkpoints", description = "directory for the simulations and per-epoch checkpoints;"
            + " training again with the same directory resumes a crashed run")
    Path checkpoints;
    @Option(names = "--invalid", defaultValue = "drop", description = "simulations with NaN or infinite x: drop"
            + " (count and report them) or fail (default: ${DEFAULT-VALUE})")
    String invalid;
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
        NpeConfig config = estimator == null ? NpeConfig.defaults()
                : NpeConfig.defaults(Inputs.option("--estimator", () -> Estimator.byLabel(estimator)));
        InvalidSimulations policy = Inputs.option("--invalid",
                () -> InvalidSimulations.valueOf(invalid.toUpperCase(java.util.Locale.ROOT)));
        CostMeter meter = new CostMeter();
        Npe npe = new Npe(config).withProgressBar(System.console() != null).withInvalidSimulations(policy);
        if (checkpoints != null) {
            npe = npe.withCheckpoints(checkpoints);
        }
        NpePosterior posterior = npe.train(task, n, seed.rng(), meter);
        ModelFile.save(posterior, out);
        var fixed = posterior.costLedger().fixed();
        System.out.printf("trained npe-%s on %,d simulations of %s in %.1f s (%d epochs, %d invalid dropped);"
                + " wrote %s%n", config.estimator().label(), n, task.name(), fixed.wallSeconds(),
                posterior.provenance().epochs(), posterior.provenance().invalidSimulations(), out);
        return 0;
    }
}
