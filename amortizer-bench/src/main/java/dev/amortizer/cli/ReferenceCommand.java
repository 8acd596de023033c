package dev.amortizer.cli;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amortizer reference}: draws from a task's own reference posterior for an observation. */
@Command(name = "reference", description = "Sample a task's reference posterior for an observation.")
final class ReferenceCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, description = "task name")
    String taskName;
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
        Task task = Inputs.task(taskName);
        int count = Inputs.positive("--n", n);
        Posterior reference = task.referencePosterior().orElseThrow(() ->
                new IllegalArgumentException("task " + task.name() + " has no reference posterior sampler"));
        double[] x = Inputs.observation(observation, task);
        Samples draws = reference.sample(x, count, seed.rng());
        SamplesCsv.write(draws, out);
        System.out.println("wrote " + count + " reference draws to " + out);
        return 0;
    }
}
