package dev.amortizer.bench;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.npe.NpeProvenance;
import dev.amortizer.task.Task;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a break-even run measured, as written to {@code report.json}
 * (schema documented in {@code amortizer-bench/REPORT_SCHEMA.md}).
 *
 * @param schemaVersion    bumped whenever a field changes meaning or disappears
 * @param generatedAt      ISO-8601 instant the report was made
 * @param amortizerVersion library version
 * @param machine          where it ran
 * @param config           what was asked for
 * @param task             the task's name and dimensions
 * @param observations     where the queries came from
 * @param amortiser        the amortiser's fixed cost and per-query results
 * @param direct           each direct method's anytime measurements and verdict
 * @param verdict          one line: when amortisation pays off against the strongest direct method
 */
public record BenchReport(int schemaVersion, String generatedAt, String amortizerVersion, Machine machine,
                          BenchConfig config, TaskInfo task, String observations, Amortiser amortiser,
                          List<DirectResult> direct, String verdict) {
    /** The current schema version of report.json. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * The machine a report was measured on.
     *
     * @param ompNumThreads the OMP_NUM_THREADS ND4J ran with
     */
    public record Machine(String os, String arch, int cores, String cpu, String java, long maxHeapBytes,
                          String ompNumThreads) {
        static Machine current() {
            return new Machine(System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), CpuName.read(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory(), String.valueOf(System.getenv("OMP_NUM_THREADS")));
        }
    }

    /** A task's identity. */
    public record TaskInfo(String name, int parameterDim, int dataDim, boolean likelihood) {
    }

    /**
     * The amortiser's side.
     *
     * @param fixedCostByPhase       simulation, training and validation costs
     * @param fixedWallSeconds       F, their total wall seconds
     * @param medianQueryWallSeconds c_A
     * @param meanC2st               the accuracy the direct methods are matched to
     */
    public record Amortiser(String method, String estimator, int simulations, long invalidSimulations,
                            Map<String, Cost> fixedCostByPhase, double fixedWallSeconds,
                            List<QueryMeasurement> queries, double medianQueryWallSeconds, double meanC2st) {
    }

    /**
     * One direct method's side.
     *
     * @param measurements per budget, one measurement per query
     */
    public record DirectResult(String method, String unit, Map<Long, List<QueryMeasurement>> measurements,
                               DirectVerdict verdict) {
    }

    static BenchReport of(BenchConfig config, Task task, String source, NpePosterior npe, CostLedger fixed,
                          List<QueryMeasurement> queries, BreakEvenAnalysis analysis, List<DirectResult> direct) {
        Map<String, Cost> byPhase = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            if (p.isFixed()) {
                byPhase.put(p.label(), fixed.get(p));
            }
        }
        Amortiser amortiser = new Amortiser("npe", "mdn", config.simulations(),
                npe.provenance().invalidSimulations(), byPhase, fixed.fixed().wallSeconds(), queries,
                analysis.amortisedPerQuery(), analysis.amortisedC2st());
        return new BenchReport(SCHEMA_VERSION, Instant.now().toString(), NpeProvenance.currentLibraryVersion(),
                Machine.current(), config, new TaskInfo(task.name(), task.parameterDim(), task.dataDim(),
                task.likelihood().isPresent()), source, amortiser, direct, verdict(amortiser, direct));
    }

    /**
     * The headline, against the strongest direct method: among those that reached the amortiser's
     * accuracy, the cheapest there; if none did, the most accurate one.
     */
    static String verdict(Amortiser amortiser, List<DirectResult> direct) {
        Comparator<DirectVerdict> reachedFirst = Comparator.comparing(
                v -> v.matchedCost().status() == CostAtAccuracy.Status.AT_LEAST);
        DirectVerdict best = direct.stream().map(DirectResult::verdict)
                .min(reachedFirst.thenComparingDouble(v -> v.matchedCost().status() == CostAtAccuracy.Status.AT_LEAST
                        ? bestC2st(v) : v.matchedCost().wallSeconds()))
                .orElseThrow();
        String costs = String.format("F = %.1f s, c_A = %.2f ms, c_D %s %.2f ms", amortiser.fixedWallSeconds(),
                1e3 * amortiser.medianQueryWallSeconds(),
                best.matchedCost().status() == CostAtAccuracy.Status.AT_LEAST ? "≥" : "=",
                1e3 * best.matchedCost().wallSeconds());
        String interval = String.format("95%% interval %s–%s", Intervals.format(best.matchedInterval()[0]),
                Intervals.format(best.matchedInterval()[1]));
        BreakEven n = best.matched();
        return switch (n.status()) {
            case NEVER -> String.format("NPE never pays off against %s at matched accuracy (C2ST %.3f): %s is at least as cheap "
                    + "per query (%s).", best.method(), best.targetC2st(), best.method(), costs);
            case UNDETERMINED -> String.format("Undetermined against %s: it never reached NPE's C2ST %.3f within its "
                    + "budgets, whose cost stayed below NPE's per query.", best.method(), best.targetC2st());
            case AT_MOST -> String.format("NPE pays off after at most %d queries (%s) against %s, which never reached "
                    + "NPE's accuracy (C2ST %.3f; its best mean C2ST was %.3f) within its largest budget (%s).",
                    n.queries(), interval, best.method(), best.targetC2st(), bestC2st(best), costs);
            case AT_LEAST -> String.format("NPE pays off after at least %d queries (%s) against %s at matched accuracy "
                    + "(C2ST %.3f; %s).", n.queries(), interval, best.method(), best.targetC2st(), costs);
            case FINITE -> String.format("NPE pays off after N* = %d queries (%s) against %s at matched accuracy "
                    + "(C2ST %.3f; %s).", n.queries(), interval, best.method(), best.targetC2st(), costs);
        };
    }

    private static double bestC2st(DirectVerdict v) {
        return v.profile().stream().mapToDouble(ProfilePoint::meanC2st).min().orElse(1.0);
    }
}
