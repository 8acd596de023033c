package dev.amortizer.cli;

import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.RandomWalkMetropolis;
import dev.amortizer.direct.RejectionAbc;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amortizer infer}: direct (non-amortised) inference for one observation. */
@Command(name = "infer", description = "Run a direct inference method for one observation.")
final class InferCommand implements Callable<Integer> {
    @Mixin
    TaskOption taskOption;
    @Mixin
    QueryOptions query;
    @Option(names = "--method", required = true, description = "rejection-abc or mcmc")
    String method;
    @Option(names = "--budget", description = "budget in the method's unit (simulator calls for ABC, likelihood "
            + "evaluations for MCMC); default: the method's largest default budget")
    Long budget;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        Task task = taskOption.task();
        int count = query.count();
        DirectMethod direct = switch (method) {
            case "rejection-abc" -> RejectionAbc.of(RejectionAbc.Config.defaults());
            case "mcmc" -> RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults());
            default -> throw new IllegalArgumentException("--method " + method
                    + " is not available; available: rejection-abc, mcmc");
        };
        long[] defaults = direct.defaultBudgets();
        long b = budget == null ? defaults[defaults.length - 1] : Inputs.positive("--budget", budget);
        List<AnytimeAnswer> answers = direct.run(task, query.observation(task), new long[] {b}, count, seed.rng());
        AnytimeAnswer answer = answers.get(answers.size() - 1);
        query.write(answer.samples(), String.format("draws (%s, budget %,d %s, %.2f s)", direct.name(), b,
                direct.unit().label().replace('_', ' '), answer.queryCost().wallSeconds()));
        return 0;
    }
}
