package dev.amortizer.cli;

import dev.amortizer.data.SbibmData;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.task.Task;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code amortizer reference}: draws from a task's own reference posterior for an observation. */
@Command(name = "reference", description = "Sample a task's reference posterior for an observation (a CSV file, or 1-10 for sbibm's).")
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
        query.write(reference.sample(observation(task), count, seed.rng()), "reference draws");
        return 0;
    }

    /** The observation file, or, for {@code --observation k} with no such file, sbibm's observation k. */
    private double[] observation(Task task) throws java.io.IOException {
        String given = query.observation.toString();
        if (given.matches("\\d{1,2}") && !java.nio.file.Files.exists(query.observation)) {
            SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException("--observation "
                    + given + ": no such file, and no ../shared/sbibm to read observation " + given + " from"));
            double[] x = data.observation(task.name(), Integer.parseInt(given));
            task.checkObservation(x);
            return x;
        }
        return query.observation(task);
    }
}
