package dev.amortizer.cli;

import dev.amortizer.bench.BenchConfig;
import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.BenchRunner;
import dev.amortizer.bench.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amortizer bench}: the break-even report of amortised versus direct inference. */
@Command(name = "bench", description = "Break-even benchmark: when does amortisation pay off, at matched accuracy?")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--task", defaultValue = "two_moons", description = "task (default: ${DEFAULT-VALUE})")
    String task;
    @Option(names = "--simulations", defaultValue = "10000", description = "amortiser's simulations (default: ${DEFAULT-VALUE})")
    long simulations;
    @Option(names = "--observations", defaultValue = "10", description = "queries, 1..10 (default: ${DEFAULT-VALUE})")
    int observations;
    @Option(names = "--samples", defaultValue = "10000", description = "draws per query (default: ${DEFAULT-VALUE})")
    long samples;
    @Option(names = "--out", required = true, description = "output folder for report.json and report.md")
    Path out;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        Inputs.task(task);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a folder");
        }
        BenchConfig config = new BenchConfig(task, Inputs.positive("--simulations", simulations), observations,
                Inputs.positive("--samples", samples), BenchConfig.defaults().replicates(), seed.seed,
                BenchConfig.DEFAULT_BUDGETS);
        BenchReport report = new BenchRunner(config, System.out).run();
        ReportWriter.write(report, out);
        System.out.println();
        System.out.print(ReportWriter.table(report));
        System.out.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.md"));
        return 0;
    }
}
