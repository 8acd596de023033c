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

    /** The headline: N* against the direct method that is cheapest at matched accuracy. */
    static String verdict(Amortiser amortiser, List<DirectResult> direct) {
        DirectVerdict best = direct.stream().map(DirectResult::verdict)
                .min(Comparator.comparingDouble(v -> v.matchedCost().wallSeconds())).orElseThrow();
        String accuracy = String.format("C2ST %.3f", best.targetC2st());
        BreakEven n = best.matched();
        return switch (n.status()) {
            case NEVER -> String.format("NPE never pays off against %s at matched accuracy (%s): %s is as cheap per query.",
                    best.method(), accuracy, best.method());
            case UNDETERMINED -> String.format("Undetermined against %s: it never reached %s within its budgets.",
                    best.method(), accuracy);
            default -> String.format("NPE pays off after N* = %s queries (95%% interval %s–%s) against %s at matched "
                    + "accuracy (%s; F = %.1f s, c_A = %.2f ms, c_D = %.1f ms).", n.label(),
                    Intervals.format(best.matchedInterval()[0]), Intervals.format(best.matchedInterval()[1]),
                    best.method(), accuracy, amortiser.fixedWallSeconds(), 1e3 * amortiser.medianQueryWallSeconds(),
                    1e3 * best.matchedCost().wallSeconds());
        };
    }
}
