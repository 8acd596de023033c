package dev.amortizer.bench.plan;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.amortizer.bench.BenchReport;
import java.util.List;
import java.util.Map;

/**
 * A budget plan: what the pilot measured, the curves fitted to it, what they predict with 90% bootstrap intervals,
 * and the recommendation for each query volume. Written as plan.json; the schema is amortizer-bench/PLAN_SCHEMA.md.
 * In every {@link Interval} null stands for +∞ ("never", "unreachable").
 *
 * @param targetC2st  the C2ST asked for; null on a coverage-error target
 * @param targetCoverageError the amortiser's coverage error on held-out simulations asked for ({@link CoverageError});
 *                    null on a C2ST target
 * @param heldOut     the held-out simulations that error was measured on; null on a C2ST target
 * @param minLogScoreGain on a coverage-error target, the log-score gain per doubling below which the amortiser stops
 *                    training ({@link Sharpness}); null on a C2ST target
 * @param logScoreGain on a coverage-error target, the held-out log score's rise between the pilot's two largest
 *                    budgets (null on a C2ST target or without densities)
 * @param verdict     one paragraph: the recommendation, the flip, how sure
 */
public record Plan(int schemaVersion, String generatedAt, String amortizerVersion, BenchReport.Machine machine,
                   String task, long seed, Double targetC2st, Double targetCoverageError, Integer heldOut,
                   List<Long> queries, Double pricePerSimulation,
                   double minGainPerSecond, Double minLogScoreGain, int replicates, Pilot pilot, Fits fits, List<AtBudget> predictions,
                   AtTarget atTarget, List<Recommendation> recommendations, List<AnytimeStop> anytime,
                   LogScoreGain logScoreGain, String verdict) {
    public static final int SCHEMA_VERSION = 4;

    /** What the target measures. */
    public Measure measure() {
        return targetC2st != null ? Measure.C2ST : Measure.COVERAGE_ERROR;
    }

    /** The target, whichever the measure. */
    public double target() {
        return targetC2st != null ? targetC2st : targetCoverageError;
    }

    /** A count for people: "12,345", or "never" for null (+∞). */
    public static String count(Double v) {
        return v == null ? "never" : String.format(java.util.Locale.ROOT, "%,.0f", v);
    }

    /** An estimate with its 90% interval (the bootstrap's 5% and 95% quantiles); null = +∞. */
    public record Interval(Double estimate, Double low, Double high) {
    }

    /**
     * The pilot in brief: observations, its compute (wall and CPU seconds against its wall cap, each piece's share,
     * the C2ST folds it scored with), what was skipped, and its points aggregated as the bench does.
     */
    public record Pilot(String amortiser, List<Integer> observations, String source, double wallSeconds,
                        double cpuSeconds, double capSeconds, int c2stFolds, List<PilotData.Piece> pieces,
                        List<String> notes, List<AmortiserRow> points, List<DirectRow> rungs) {
    }

    /**
     * The amortiser at one pilot budget: F (wall, CPU), its training's passes, median query seconds, and its accuracy:
     * mean C2ST (null on a coverage-error target), or coverage error, mean contraction and log score on the held-out
     * simulations (null on a C2ST target; the log score also without a density).
     */
    public record AmortiserRow(int simulations, double fixedSeconds, double fixedCpuSeconds, long trainingPasses,
                               Double meanC2st, double medianQuerySeconds, Double coverageError, Double contraction,
                               Double logScore) {
    }

    /**
     * A direct method at one pilot rung: mean C2ST (null on a coverage-error target), median query wall seconds, and
     * how many queries' answers its diagnostics certify (null on a C2ST target).
     */
    public record DirectRow(String method, String unit, long budget, Double meanC2st, double medianQuerySeconds,
                            Integer certified) {
    }

    /** The point-estimate curves (see amortizer-bench/PLAN_SCHEMA.md for the forms). */
    public record Fits(@JsonAlias("amortiserC2st") PowerLaw amortiserAccuracy, FixedCostCurve amortiserFixedSeconds,
                       FixedCostCurve amortiserFixedCpuSeconds, LogLine amortiserQuerySeconds,
                       Map<String, DirectFit> direct) {
    }

    /** A direct method's curves: C2ST against per-query seconds (null on a coverage-error target), per-query seconds
     * against its budget. */
    public record DirectFit(PowerLaw c2st, LogLine seconds, String unit) {
    }

    /**
     * Predictions for the amortiser trained on {@code simulations}: its accuracy (the target's measure), F (wall and process CPU seconds), c_A, and N* against each direct
     * method at matched accuracy as the bench defines it (c_D read where the method's curve reaches that C2ST).
     */
    public record AtBudget(int simulations, @JsonAlias("c2st") Interval accuracy, Interval fixedSeconds, Interval fixedCpuSeconds,
                           Interval querySeconds,
                           Map<String, Interval> breakEven) {
    }

    /**
     * What reaching the target takes: the amortiser's budget, F and c_A; each direct method's per-query seconds and
     * budget (in its unit); N* against each; and the volume where the cheapest choice flips to amortising.
     */
    public record AtTarget(Interval simulations, Interval fixedSeconds, Interval querySeconds,
                           Map<String, Interval> directSeconds, Map<String, Double> directBudget,
                           Map<String, Interval> breakEven, String cheapestDirect, Interval crossover) {
    }

    /**
     * The cheapest option for {@code queries} queries at the target.
     *
     * @param option       "amortise", a direct method, or "none"
     * @param setting      its simulation budget or per-query budget, in words
     * @param totalSeconds total wall seconds of that option for Q queries, with its interval
     * @param agreement    the share of bootstrap replicates that pick the same option
     * @param money        simulation money (only with a price per simulation), else null
     */
    public record Recommendation(long queries, String option, String setting, Interval totalSeconds,
                                 double agreement, Double money) {
    }
}
