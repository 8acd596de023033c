package dev.amortizer.cli;

import dev.amortizer.data.Quoted;
import dev.amortizer.diagnostics.convergence.ParameterSummary;
import dev.amortizer.direct.AnswerWarnings;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.direct.WallClockBudget;
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
            + "mcmc (random-walk Metropolis), nuts, slice, tsnpe (truncated sequential NPE) or tsnpe-warm (its rounds"
            + " continuing the previous round's network)")
    String method;
    @Option(names = "--budget", description = "budget in the method's unit (simulator calls for the ABC methods and TSNPE, likelihood "
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
        printDiagnostics(answer);
        return 0;
    }

    /**
     * The answer's diagnostics on standard error (counts as integers), a per-parameter summary where the method ran
     * chains (as Stan's {@code stansummary}), then {@link AnswerWarnings}: warnings where the answer may be poor,
     * notes where a number looks alarming but is not.
     */
    private static void printDiagnostics(AnytimeAnswer answer) {
        System.err.println(diagnosticsLine(answer.diagnostics()));
        if (!answer.parameters().isEmpty()) {
            System.err.println(summaryTable(answer.parameters()));
        }
        AnswerWarnings.warnings(answer.diagnostics()).forEach(w -> System.err.println("warning: " + w));
        AnswerWarnings.notes(answer.diagnostics()).forEach(n -> System.err.println("note: " + n));
    }

    /** {@code diagnostics: name=value ...}, whole numbers (counts, flags) without a decimal point. */
    static String diagnosticsLine(Map<String, Double> diagnostics) {
        StringBuilder line = new StringBuilder("diagnostics:");
        diagnostics.forEach((name, value) -> line.append(' ').append(name).append('=').append(number(value)));
        return line.toString();
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** One row per parameter: mean, sd, 5 %, 50 %, 95 %, R-hat, bulk and tail ESS (rounded down). */
    static String summaryTable(List<ParameterSummary> parameters) {
        int width = Math.max(9, parameters.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9s %9s %7s %8s %8s",
                "parameter", "mean", "sd", "5%", "50%", "95%", "R-hat", "ess_bulk", "ess_tail"));
        for (ParameterSummary p : parameters) {
            out.append(String.format(Locale.ROOT, "%n%-" + width + "s %9.4g %9.4g %9.4g %9.4g %9.4g %7.3f %8s %8s",
                    p.name(), p.mean(), p.sd(), p.q5(), p.q50(), p.q95(), p.rhat(), ess(p.essBulk()),
                    ess(p.essTail())));
        }
        return out.toString();
    }

    private static String ess(double ess) {
        return Double.isFinite(ess) ? Long.toString((long) Math.floor(ess)) : "nan";
    }
}
