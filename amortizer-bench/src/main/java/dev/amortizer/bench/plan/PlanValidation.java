package dev.amortizer.bench.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.BreakEven;
import dev.amortizer.bench.CostAtAccuracy;
import dev.amortizer.bench.DirectVerdict;
import dev.amortizer.bench.Headline;
import dev.amortizer.bench.report.ReportWriter;
import dev.amortizer.cost.Cost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Research program: a plan's predictions against a full bench run of the same task (results/plan-validation.md).
 * Arguments: pairs {@code PLAN_DIR BENCH_TASK_DIR}. Prints one Markdown row per pair: the amortiser's C2ST, F (wall
 * and CPU) and N* against the bench's strongest direct method at 10⁴ simulations, predicted [90%] and measured
 * (the C2ST also as the bench's mean over the pilot's own observations: what the pilot can speak for), whether the
 * measured value is inside the interval, and the recommendation for each planned Q against the option
 * the bench's measurements make cheapest at the plan's target (amortised contenders that reach it: F + Q·c_A;
 * direct methods: Q·c_D read off their profile as the bench reads it; a profile that never reaches it is out).
 */
public final class PlanValidation {
    private static final int BUDGET = 10_000;

    private PlanValidation() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: PlanValidation PLAN_DIR BENCH_TASK_DIR [PLAN_DIR BENCH_TASK_DIR ...]");
            System.exit(2);
        }
        // plans of schema 1 lack the pilot's compute; they read as zero
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        System.out.println("| task | seed | C2ST@10⁴ predicted [90%] | measured (on the pilot's observations) | in"
                + " | F@10⁴ wall s predicted | measured | in | F CPU s predicted | measured | in | N* vs | predicted | measured | in | recommendations"
                + " (plan / measured) | widths: C2ST, F high/low | pilot: wall s, CPU s, C2STs (folds) | bench C2STs"
                + " (5 folds) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < args.length; i += 2) {
            Plan plan = json.readValue(Path.of(args[i], "plan.json").toFile(), Plan.class);
            BenchReport bench = ReportWriter.read(Path.of(args[i + 1], "report.json"));
            System.out.println(row(plan, bench));
        }
    }

    static String row(Plan plan, BenchReport bench) {
        Plan.AtBudget at = plan.predictions().stream().filter(p -> p.simulations() == BUDGET).findFirst()
                .orElseThrow();
        BenchReport.Contender npe = bench.primary();
        double cpu = npe.fixedCostByPhase().values().stream().mapToDouble(Cost::cpuSeconds).sum();
        DirectVerdict strongest = Headline.strongest(npe.versus()).orElseThrow();
        BreakEven measured = strongest.matched();
        Plan.Interval nStar = at.breakEven().get(strongest.method());
        StringBuilder recs = new StringBuilder();
        for (Plan.Recommendation r : plan.recommendations()) {
            String cheapest = cheapest(bench, plan.targetC2st(), r.queries());
            recs.append(String.format(Locale.ROOT, "Q=%s: %s / %s%s; ", Plan.count((double) r.queries()), r.option(),
                    cheapest, r.option().equals(cheapest) ? "" : " **miss**"));
        }
        double onPilot = npe.queries().stream().filter(q -> plan.pilot().observations().contains(q.observation()))
                .mapToDouble(dev.amortizer.bench.QueryMeasurement::c2st).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.1f | %s | %s | %.1f | %s | %s | %s | %s"
                        + " | %s | %s | %s | %s | %d |", plan.task(), plan.seed(), f3(at.accuracy()),
                String.format(Locale.ROOT, "%.3f (%.3f)", npe.meanC2st(), onPilot), in(at.accuracy(), npe.meanC2st())
                        + " (" + in(at.accuracy(), onPilot) + ")", f1(at.fixedSeconds()), npe.fixedWallSeconds(),
                in(at.fixedSeconds(), npe.fixedWallSeconds()), f1(at.fixedCpuSeconds()), cpu,
                in(at.fixedCpuSeconds(), cpu), strongest.method(), nStar == null ? "not planned" : counts(nStar),
                measured.label(), nStar == null ? "–" : in(nStar, measured), recs.toString().trim(), widths(at),
                pilot(plan.pilot()), c2sts(bench));
    }

    /** The 90% intervals' widths: C2ST high − low, F high / low. */
    private static String widths(Plan.AtBudget at) {
        return String.format(Locale.ROOT, "%.3f, ×%.2f", at.accuracy().high() - at.accuracy().low(),
                at.fixedSeconds().high() / at.fixedSeconds().low());
    }

    private static String pilot(Plan.Pilot p) {
        int c2sts = p.pieces() == null ? 0 : p.pieces().stream().mapToInt(PilotData.Piece::c2sts).sum();
        return String.format(Locale.ROOT, "%.0f, %.0f, %d (%d)", p.wallSeconds(), p.cpuSeconds(), c2sts,
                p.c2stFolds());
    }

    /** How many answers the bench scored: a load-independent measure of its largest expense. */
    static int c2sts(BenchReport bench) {
        int n = bench.contenders().stream().mapToInt(c -> c.queries().size()).sum();
        for (BenchReport.DirectResult d : bench.direct()) {
            n += d.measurements().values().stream().mapToInt(java.util.List::size).sum();
        }
        return n;
    }

    /** The option the bench's measurements make cheapest for q queries at C2ST ≤ target. */
    static String cheapest(BenchReport bench, double target, long q) {
        String best = Decision.NONE;
        double bestTotal = Double.POSITIVE_INFINITY;
        for (BenchReport.Contender c : bench.contenders()) {
            double total = c.fixedWallSeconds() + q * c.medianQueryWallSeconds();
            if (c.kind().equals(BenchReport.Contender.AMORTISED) && c.meanC2st() <= target && total < bestTotal) {
                best = Decision.AMORTISE;
                bestTotal = total;
            }
        }
        for (BenchReport.DirectResult d : bench.direct()) {
            CostAtAccuracy c = CostAtAccuracy.read(d.profile(), target);
            if (c.status() != CostAtAccuracy.Status.AT_LEAST && q * c.wallSeconds() < bestTotal) {
                best = d.method();
                bestTotal = q * c.wallSeconds();
            }
        }
        return best;
    }

    private static String in(Plan.Interval i, double v) {
        double lo = i.low() == null ? Double.POSITIVE_INFINITY : i.low();
        double hi = i.high() == null ? Double.POSITIVE_INFINITY : i.high();
        return v >= lo && v <= hi ? "yes" : "no";
    }

    /** A measured N* against an interval: a bound is inside if some value it allows is. */
    private static String in(Plan.Interval i, BreakEven b) {
        double lo = i.low() == null ? Double.POSITIVE_INFINITY : i.low();
        double hi = i.high() == null ? Double.POSITIVE_INFINITY : i.high();
        return switch (b.status()) {
            case FINITE -> in(i, b.queries());
            case NEVER, UNDETERMINED -> hi == Double.POSITIVE_INFINITY ? "yes" : "no";
            case AT_MOST -> lo <= b.queries() ? "yes (bound)" : "no";
            case AT_LEAST -> hi >= b.queries() ? "yes (bound)" : "no";
        };
    }

    private static String f3(Plan.Interval i) {
        return String.format(Locale.ROOT, "%.3f [%.3f–%.3f]", i.estimate(), i.low(), i.high());
    }

    private static String f1(Plan.Interval i) {
        return String.format(Locale.ROOT, "%.1f [%.1f–%.1f]", i.estimate(), i.low(), i.high());
    }

    private static String counts(Plan.Interval i) {
        return Plan.count(i.estimate()) + " [" + Plan.count(i.low()) + "–" + Plan.count(i.high()) + "]";
    }
}
