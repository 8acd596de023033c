package dev.amortizer.cli;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.task.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code amortizer reference}: draws from a task's own reference posterior for an observation. */
@Command(name = "reference", description = "Sample a task's reference posterior for an observation (a CSV file, or 1-10 for sbibm's).")
final class ReferenceCommand extends SeededCommand {
    @Mixin
    TaskOption taskOption;
    @Mixin
    QueryOptions query;

    @Override
    public Integer call() throws Exception {
        Task task = taskOption.task();
        int count = query.count();
        query.checkFiles(stderr());
        MemoryCheck.require("--n", count, task.parameterDim(), SampleCommand.DRAW_COPIES, "draws");
        Posterior reference = task.referencePosterior().orElseThrow(() ->
                new IllegalArgumentException("task " + task.name() + " has no reference posterior sampler"));
        double[] x = query.observation(task);
        // a sampler that finds no posterior mass for the observation says so as bad input: name the option
        var draws = Inputs.option("--observation " + query.observation, () -> reference.sample(x, count, seed.rng()));
        query.write(stdout(), draws, "reference draws");
        return 0;
    }
}
