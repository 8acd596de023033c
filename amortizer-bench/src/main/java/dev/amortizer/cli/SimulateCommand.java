package dev.amortizer.cli;

import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.task.Task;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amortizer simulate}: θ ~ prior, x ~ simulator, written as DIR/theta.csv and DIR/x.csv. The pairs come from a
 * {@link SimulationCampaign} seeded with {@code --seed}, whose batches are saved in DIR/campaign/ as they complete:
 * the same command after a crash resumes, and gives the same files as an uninterrupted run. The folder is removed
 * once both files are written. They are the pairs {@code train --seed S} would simulate, so
 * {@code train --simulations-from DIR --seed S} trains the same model.
 */
@Command(name = "simulate", description = "Draw (θ, x) pairs from the prior and simulator; a crashed run resumes"
        + " when run again.")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    TaskOption taskOption;
    @Option(names = "--n", required = true, description = "number of simulations")
    long n;
    @Option(names = "--out", required = true, description = "output folder")
    Path out;
    @Option(names = "--threads", defaultValue = "2", description = "simulation threads, each running one batch of " + SimulationCampaign.BATCH + "; the output does not depend on it (default 2)")
    long threads;
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    /** The campaign's batches, inside --out until both files are written. */
    static final String CAMPAIGN_DIR = "campaign";

    @Override
    public Integer call() throws Exception {
        Task task = taskOption.task();
        int count = Inputs.positive("--n", n);
        int threadCount = Inputs.positive("--threads", threads);
        Outputs.folder(spec.commandLine().getErr(), "--out", out, List.of("theta.csv", "x.csv"));
        // θ and x, and each copied once into the Samples written
        MemoryCheck.require("--n", count, task.parameterDim() + task.dataDim(), 2, "simulations");
        Outputs.folder(spec.commandLine().getErr(), "--out", out.resolve(CAMPAIGN_DIR), List.of());
        Path batches = out.resolve(CAMPAIGN_DIR);
        SimulationCampaign.Result r = SimulationCampaign.in(batches, "seed " + seed.seed).withThreads(threadCount)
                .run(task, count, seed.rng(), new CostMeter());
        SamplesCsv.write(Samples.of(task.parameterNames(), r.theta()), out.resolve("theta.csv"));
        SamplesCsv.write(Samples.of(task.dataNames(), r.x()), out.resolve("x.csv"));
        deleteBatches(batches);
        if (r.failures().total() > 0) {
            spec.commandLine().getErr().println("amortizer: " + r.failures().total() + " simulations failed ("
                    + r.failures() + "); their x rows are NaN");
        }
        spec.commandLine().getOut().println("wrote " + count + " simulations of " + task.name() + " to " + out
                + (r.resumed() > 0 ? " (" + r.resumed() + " batches resumed from an earlier run)" : ""));
        return 0;
    }

    /** Removes the campaign's batch files, then its folder if that leaves it empty (never anything else). */
    private static void deleteBatches(Path batches) throws java.io.IOException {
        if (!Files.isDirectory(batches, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.list(batches)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("batch-\\d{6}\\.bin")).toList()) {
                Files.deleteIfExists(f);
            }
        }
        try (var left = Files.list(batches)) {
            if (left.findAny().isEmpty()) {
                Files.delete(batches);
            }
        }
    }
}
