package dev.amortizer.bench;

import dev.amortizer.cost.Cost;
import dev.amortizer.device.ComputeEnvironment;
import java.util.List;
import java.util.Map;

/**
 * Everything a break-even run on one task measured, as written to {@code report.json}
 * (schema documented in {@code amortizer-bench/REPORT_SCHEMA.md}).
 *
 * @param schemaVersion    bumped whenever a field changes meaning or disappears
 * @param generatedAt      ISO-8601 instant the report was made
 * @param amortizerVersion library version
 * @param machine          where it ran
 * @param config           what was asked for
 * @param task             the task's name and dimensions
 * @param observations     where the queries came from
 * @param contenders       every amortiser at every simulation budget, and each hybrid, with its verdicts
 * @param direct           each direct method's anytime measurements
 * @param skipped          what the protocol asked for but could not run, each with the reason
 * @param verdict          one line: when the primary contender pays off against the strongest direct method
 * @param breakEvenBasis   what N* could be computed at: {@link #MATCHED}, or, where no answer could be scored,
 *                         {@link Headline#atDefaultOnly} with the reason; null in reports written before it
 */
public record BenchReport(int schemaVersion, String generatedAt, String amortizerVersion, Machine machine,
                          BenchConfig config, TaskInfo task, String observations, List<Contender> contenders,
                          List<DirectResult> direct, List<Skipped> skipped, String verdict, String breakEvenBasis) {
    /** The basis of a run whose answers were scored: N* at matched accuracy, and at the direct method's default. */
    public static final String MATCHED = "matched accuracy (C2ST against reference draws), and at the direct method's"
            + " default budget";

    /** A report of a scored run. */
    public BenchReport(int schemaVersion, String generatedAt, String amortizerVersion, Machine machine,
                       BenchConfig config, TaskInfo task, String observations, List<Contender> contenders,
                       List<DirectResult> direct, List<Skipped> skipped, String verdict) {
        this(schemaVersion, generatedAt, amortizerVersion, machine, config, task, observations, contenders, direct,
                skipped, verdict, MATCHED);
    }

    /** Whether accuracy was matched: false where the answers could not be scored (no C2ST). */
    public boolean accuracyMatched() {
        return breakEvenBasis == null || MATCHED.equals(breakEvenBasis);
    }

    /** The current schema version of report.json. */
    public static final int SCHEMA_VERSION = 2;

    /**
     * The machine a report was measured on.
     *
     * @param ompNumThreads the OMP_NUM_THREADS ND4J ran with
     * @param device        the ND4J backend loaded, what it computed on, the GPU check's answer and the compute
     *                      backend ({@link ComputeEnvironment}); null in reports written before it was recorded
     */
    public record Machine(String os, String arch, int cores, String cpu, String java, long maxHeapBytes,
                          String ompNumThreads, ComputeEnvironment device) {
        /** This JVM's machine. */
        public static Machine current() {
            return new Machine(System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), CpuName.read(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory(), String.valueOf(System.getenv("OMP_NUM_THREADS")),
                    ComputeEnvironment.current());
        }

        /**
         * " Compute: BACKEND on DEVICE, compute backend NAME; GPU: STATUS." for the reports' machine sentence; empty
         * for a report that did not record it.
         */
        public String computeSentence() {
            if (device == null) {
                return "";
            }
            return " Compute: " + device.nd4jBackend() + " on " + device.device() + ", compute backend "
                    + device.computeBackend() + "; GPU: " + device.gpu() + ".";
        }
    }

    /** A task's identity. */
    public record TaskInfo(String name, int parameterDim, int dataDim, boolean likelihood) {
    }

    /**
     * One amortised contender: an amortiser trained on some budget, answering each query itself ({@code kind}
     * "amortised"), as the proposal of importance sampling ({@code kind} "hybrid"), or escalating per query
     * ({@code kind} "escalate").
     *
     * @param name                   e.g. "npe-mdn@10k" or "npe-mdn@10k+is(10k)"
     * @param amortiser              the amortiser's catalogue name
     * @param kind                   "amortised", "hybrid" or "escalate"
     * @param simulations            its simulation budget
     * @param proposalDraws          hybrid only: importance-sampling proposal draws per query (else null)
     * @param fixedCostByPhase       simulation, training and validation costs, in every unit
     * @param fixedWallSeconds       F, their total wall seconds
     * @param fixedMoney             F in money (simulator calls × price), null when unpriced
     * @param queries                one measurement per query
     * @param medianQueryCost        the per-unit median of the query costs
     * @param medianQueryWallSeconds c_A
     * @param meanC2st               the accuracy the direct methods are matched to
     * @param versus                 its comparison with each direct method
     * @param verdict                one line against the strongest direct method
     * @param simulationFailures     simulations of its training that failed, by kind (timeout, non-finite, ...),
     *                               dropped before training; empty when none failed or the amortiser does not
     *                               record them (npe does)
     */
    public record Contender(String name, String amortiser, String kind, int simulations, Long proposalDraws,
                            Map<String, Cost> fixedCostByPhase, double fixedWallSeconds, Double fixedMoney,
                            List<QueryMeasurement> queries, Cost medianQueryCost, double medianQueryWallSeconds,
                            double meanC2st, List<DirectVerdict> versus, String verdict,
                            Map<String, Long> simulationFailures) {
        public Contender {
            simulationFailures = simulationFailures == null ? Map.of() : Map.copyOf(simulationFailures);
        }

        /** Kind of a contender answering with the amortised posterior alone. */
        public static final String AMORTISED = "amortised";
        /** Kind of a contender correcting the amortised posterior by importance sampling. */
        public static final String HYBRID = "hybrid";
        /** Kind of a contender escalating per query: amortised, importance sampling, then MCMC. */
        public static final String ESCALATE = "escalate";
    }

    /**
     * One direct method's anytime measurements.
     *
     * @param defaultBudget the last rung of its ladder, its "default settings"
     * @param measurements  per budget, one measurement per query
     * @param profile       per budget, mean C2ST and median wall seconds
     */
    public record DirectResult(String method, String unit, long defaultBudget,
                               Map<Long, List<QueryMeasurement>> measurements, List<ProfilePoint> profile) {
    }

    /**
     * Something the protocol asked for and could not run on this task.
     *
     * @param what   e.g. "mcmc" or "npe-mdn@10k+is(10k)"
     * @param reason why, in words
     */
    public record Skipped(String what, String reason) {
    }

    /** The primary contender: the first amortiser at the largest simulation budget, answering alone. */
    public Contender primary() {
        String first = config.amortisers().get(0);
        int largest = config.simulations().get(config.simulations().size() - 1);
        return contenders.stream().filter(c -> c.kind().equals(Contender.AMORTISED) && c.amortiser().equals(first)
                && c.simulations() == largest).findFirst().orElse(contenders.isEmpty() ? null : contenders.get(0));
    }
}
