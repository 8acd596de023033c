package dev.amortizer.cli;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.task.Task;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code amortizer reference}: draws from a task's own reference posterior for an observation. */
@Command(name = "reference", description = "Sample a task's reference posterior for an observation.")
final class ReferenceCommand implements Callable<Integer> {
    @Mixin
    TaskOption taskOption;
    @Mixin
    QueryOptions query;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        Task task = taskOption.task();
        int count = query.count();
        Posterior reference = task.referencePosterior().orElseThrow(() ->
                new IllegalArgumentException("task " + task.name() + " has no reference posterior sampler"));
        query.write(reference.sample(query.observation(task), count, seed.rng()), "reference draws");
        return 0;
    }
}
