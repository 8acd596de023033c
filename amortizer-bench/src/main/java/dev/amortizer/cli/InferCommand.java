package dev.amortizer.cli;

import dev.amortizer.data.Quoted;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.direct.WallClockBudget;
import dev.amortizer.diagnostics.convergence.ConvergenceSummary;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code amortizer infer}: direct (non-amortised) inference for one observation. */
@Command(name = "infer", description = "Run a direct inference method for one observation.")
final class InferCommand implements Callable<Integer> {
    @Mixin
    TaskOption taskOption;
    @Mixin
    QueryOptions query;
    @Option(names = "--method", required = true, description = "rejection-abc, smc-abc, importance, laplace, "
            + "mcmc (random-walk Metropolis), nuts or slice")
    String method;
    @Option(names = "--budget", description = "budget in the method's unit (simulator calls for the ABC methods, likelihood "
            + "evaluations for the others); default: the method's largest default budget")
    Long budget;
    @Option(names = "--seconds", description = "a wall-time budget instead: the best answer the method reaches"
            + " within this many seconds (its own budgets grown 4× per run until the next would not fit)")
    Double seconds;
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Task task = taskOption.task();
        int count = query.count();
        if (!DirectMethods.names().contains(method)) {
            throw new IllegalArgumentException("--method " + Quoted.plain(method) + " is not available; available: "
                    + String.join(", ", DirectMethods.names()));
        }
        DirectMethod direct = DirectMethods.byName(method, 0);
        long[] defaults = direct.defaultBudgets();
        if (budget != null && seconds != null) {
            throw new IllegalArgumentException("give --budget or --seconds, not both");
        }
        if (seconds != null && !(seconds > 0 && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("--seconds must be a finite number of seconds > 0, got " + seconds);
        }
        long b0 = budget == null ? defaults[defaults.length - 1] : Inputs.positive("--budget", budget);
        query.checkFiles(spec.commandLine().getErr());
        MemoryCheck.requireDirect("--budget", method, task, b0);
        MemoryCheck.require("--n", count, task.parameterDim(), SampleCommand.DRAW_COPIES, "draws");
        double[] x = query.observation(task);
        AnytimeAnswer answer;
        if (seconds != null) {
            answer = WallClockBudget.answerWithin(direct, task, x, seconds, count, seed.rng());
        } else {
            long b = b0;
            List<AnytimeAnswer> answers = direct.run(task, x, new long[] {b}, count,
                    seed.rng());
            answer = answers.get(answers.size() - 1);
        }
        long b = answer.budget();
        query.write(spec.commandLine().getOut(), answer.samples(), String.format("draws (%s, budget %,d %s, %.2f s)", direct.name(), b,
                direct.unit().label().replace('_', ' '), answer.queryCost().wallSeconds()));
        printDiagnostics(answer.diagnostics());
        return 0;
    }

    /** The answer's diagnostics on standard error, then Stan's warnings where R-hat or ESS fail. */
    private static void printDiagnostics(Map<String, Double> diagnostics) {
        StringBuilder line = new StringBuilder("diagnostics:");
        diagnostics.forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s=%.4g", name, value)));
        System.err.println(line);
        if (diagnostics.containsKey("rhat")) {
            ConvergenceSummary summary = new ConvergenceSummary(diagnostics.get("rhat"), diagnostics.get("ess_bulk"),
                    diagnostics.get("ess_tail"));
            summary.warnings().forEach(w -> System.err.println("warning: " + w));
        }
        Double divergences = diagnostics.get("divergences");
        if (divergences != null && divergences > 0) {
            System.err.printf(Locale.ROOT, "warning: %.0f divergent transitions after warm-up: the sampler may miss"
                    + " regions of high curvature or hard edges of the posterior%n", divergences);
        }
    }
}
