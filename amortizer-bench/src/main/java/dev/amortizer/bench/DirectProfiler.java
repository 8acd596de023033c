package dev.amortizer.bench;

import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * A direct method's anytime profile: for every budget of its ladder, one run per query, timed alone, then scored.
 * Each rung is its own run, configured for that budget (MCMC sizes its warm-up from it), so a profile point is what
 * the method achieves when asked for that budget. Untimed warm-up queries at the largest budget come first
 * ({@link WarmUp}), so the JIT has compiled the method's code before timing starts: a long-running service answers
 * warm.
 */
public final class DirectProfiler {
    private final int samples;
    private final QueryScorer scorer;
    private final PrintStream log;

    public DirectProfiler(int samples, QueryScorer scorer, PrintStream log) {
        this.samples = samples;
        this.scorer = scorer;
        this.log = log;
    }

    /**
     * The method's measurements on every query at every budget.
     *
     * @throws IllegalArgumentException when the method cannot handle the task (its message says why)
     */
    public BenchReport.DirectResult profile(DirectMethod method, Task task, long[] budgets, QuerySet queries, Rng rng) {
        long largest = budgets[budgets.length - 1];
        warmUp(method, task, queries, largest);
        return measure(method, task, budgets, queries, rng, largest);
    }

    /** Untimed runs of {@code method} at {@code budget} on the first query ({@link WarmUp}). */
    public void warmUp(DirectMethod method, Task task, QuerySet queries, long budget) {
        double[] x = queries.queries().get(0).x();
        WarmUp.repeat(i -> method.run(task, x, new long[] {budget}, samples, Rng.seeded(-1 - i)));
    }

    /**
     * As {@link #profile} without the warm-up: for a caller that warmed the method up itself ({@link #warmUp}) and
     * profiles its rungs one call at a time. {@code largest} is the ladder's largest budget, for the record.
     */
    public BenchReport.DirectResult measure(DirectMethod method, Task task, long[] budgets, QuerySet queries, Rng rng,
                                            long largest) {
        Map<Long, List<QueryMeasurement>> byBudget = new LinkedHashMap<>();
        for (long b : budgets) {
            byBudget.put(b, new ArrayList<>());
        }
        ProgressBar bar = ProgressBars.open(method.name(), (long) budgets.length * queries.queries().size(), "runs");
        try {
            for (QuerySet.Query q : queries.queries()) {
                StringBuilder line = new StringBuilder();
                for (long b : budgets) {
                    AnytimeAnswer a = method.run(task, q.x(), new long[] {b}, samples, rng.split()).get(0);
                    ProgressBars.step(bar, 1);
                    double c2st = scorer.score(q, a.samples());
                    byBudget.get(b).add(new QueryMeasurement(q.number(), c2st, a.queryCost(), a.diagnostics()));
                    line.append(String.format("  %,d: %.3f/%.1fms", b, c2st, 1e3 * a.queryCost().wallSeconds()));
                }
                log.printf("  %s observation %2d:%s%n", method.name(), q.number(), line);
            }
        } finally {
            ProgressBars.close(bar);
        }
        List<ProfilePoint> profile = new ArrayList<>();
        byBudget.forEach((b, m) -> profile.add(new ProfilePoint(b,
                Stats.mean(m.stream().mapToDouble(QueryMeasurement::c2st).toArray()),
                Stats.median(m.stream().mapToDouble(x -> x.cost().wallSeconds()).toArray()))));
        return new BenchReport.DirectResult(method.name(), method.unit().label(), largest, byBudget, profile);
    }
}
