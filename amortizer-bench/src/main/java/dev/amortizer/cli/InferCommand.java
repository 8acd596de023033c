package dev.amortizer.cli;

import dev.amortizer.data.SamplesCsv;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.RandomWalkMetropolis;
import dev.amortizer.direct.RejectionAbc;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amortizer infer}: direct (non-amortised) inference for one observation. */
@Command(name = "infer", description = "Run a direct inference method for one observation.")
final class InferCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, description = "task name")
    String taskName;
    @Option(names = "--method", required = true, description = "rejection-abc or mcmc")
    String method;
    @Option(names = "--observation", required = true, description = "CSV with one data row")
    Path observation;
    @Option(names = "--n", required = true, description = "number of posterior draws")
    long n;
    @Option(names = "--budget", description = "budget in the method's unit (simulator calls for ABC, likelihood "
            + "evaluations for MCMC); default: the method's largest default budget")
    Long budget;
    @Option(names = "--out", required = true, description = "output CSV (.csv or .csv.gz)")
    Path out;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        Task task = Inputs.task(taskName);
        int count = Inputs.positive("--n", n);
        DirectMethod direct = switch (method) {
            case "rejection-abc" -> RejectionAbc.of(RejectionAbc.Config.defaults());
            case "mcmc" -> RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults());
            default -> throw new IllegalArgumentException("--method " + method
                    + " is not available; available: rejection-abc, mcmc");
        };
        long[] defaults = direct.defaultBudgets();
        long b = budget == null ? defaults[defaults.length - 1] : Inputs.positive("--budget", budget);
        double[] x = Inputs.observation(observation, task);
        List<AnytimeAnswer> answers = direct.run(task, x, new long[] {b}, count, seed.rng());
        AnytimeAnswer answer = answers.get(answers.size() - 1);
        SamplesCsv.write(answer.samples(), out);
        System.out.printf("wrote %d draws to %s (%s, budget %,d %s, %.2f s)%n", count, out, direct.name(), b,
                direct.unit().label().replace('_', ' '), answer.queryCost().wallSeconds());
        return 0;
    }
}
