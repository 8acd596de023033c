package dev.amortizer.bench.report;

import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.DirectVerdict;
import dev.amortizer.bench.Intervals;
import dev.amortizer.bench.MedianCost;
import dev.amortizer.bench.ProfilePoint;
import dev.amortizer.bench.QueryMeasurement;
import dev.amortizer.cost.Cost;
import java.util.List;
import java.util.Map;

/** {@code report.md}: the verdict, the machine, every contender and direct method, with the plots. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String of(BenchReport r) {
        StringBuilder s = new StringBuilder();
        s.append("# Break-even report: ").append(r.task().name()).append("\n\n");
        s.append("**").append(r.verdict()).append("**\n\n");
        if (!r.accuracyMatched()) {
            s.append("**").append(r.breakEvenBasis()).append(".** What is matched: nothing; every answer, amortised "
                    + "and direct, was timed but none could be scored by C2ST, so each N* below compares costs at the "
                    + "direct method's default budget whatever the accuracies.\n\n");
        }
        s.append(String.format("Task `%s` (dim θ = %d, dim x = %d, likelihood %s); %d queries from %s; %,d draws per "
                        + "query; seed %d; %,d bootstrap replicates.%n%n", r.task().name(), r.task().parameterDim(),
                r.task().dataDim(), r.task().likelihood() ? "tractable" : "intractable", r.config().observations(),
                r.observations(), r.config().samples(), r.config().seed(), r.config().replicates()));
        s.append(String.format("Machine: %s, %d cores (%s), %s, max heap %s MiB, OMP_NUM_THREADS=%s.%s Amortizer %s,"
                        + " %s.%n%n", r.machine().os(), r.machine().cores(), r.machine().cpu(), r.machine().java(),
                Format.mib(r.machine().maxHeapBytes()), r.machine().ompNumThreads(), r.machine().computeSentence(),
                r.amortizerVersion(), r.generatedAt()));
        s.append("![Total cost against number of queries](total-cost.png)\n\n");
        s.append("![Accuracy against cost per query](accuracy-vs-cost.png)\n\n");
        s.append("![C2ST against simulation budget](c2st-vs-simulations.png)\n\n");
        summary(r, s);
        for (BenchReport.Contender c : r.contenders()) {
            contender(r, c, s);
        }
        s.append("## Direct methods\n\n");
        for (BenchReport.DirectResult d : r.direct()) {
            direct(r, d, s);
        }
        if (!r.skipped().isEmpty()) {
            s.append("## Skipped\n\n");
            r.skipped().forEach(k -> s.append("- `").append(k.what()).append("`: ").append(k.reason()).append('\n'));
            s.append('\n');
        }
        s.append("N* = ⌈F / (c_D − c_A)⌉ with F a contender's fixed wall seconds, c_A its median per-query wall "
                + "seconds and c_D the direct method's median per-query wall seconds at the contender's mean C2ST, "
                + "interpolated in log cost along its anytime profile (protocol: amortizer-bench/README.md in the Amortizer repository). \"≤\": the direct method never "
                + "reached that accuracy, so c_D is at least its largest rung's cost and N* at most the number; "
                + "\"≥\": even its smallest rung was accurate enough, so N* is at least the number; \"never\": the "
                + "direct method is at least as cheap per query; \"undetermined\": it never reached the accuracy and "
                + "its largest rung was cheaper than c_A. Intervals: 2.5% and 97.5% quantiles over bootstrap "
                + "resamples of the queries.\n");
        return s.toString();
    }

    private static void summary(BenchReport r, StringBuilder s) {
        s.append("## Summary\n\n| contender | kind | simulations | F (wall s) | c_A (ms) | mean C2ST |");
        for (BenchReport.DirectResult d : r.direct()) {
            s.append(" N* vs ").append(d.method()).append(" (matched; at defaults) |");
        }
        s.append("\n|---|---|---:|---:|---:|---:|").append("---|".repeat(r.direct().size())).append('\n');
        for (BenchReport.Contender c : r.contenders()) {
            s.append(String.format("| %s | %s | %,d | %.1f | %s | %s |", c.name(), c.kind(), c.simulations(),
                    c.fixedWallSeconds(), Format.ms(c.medianQueryWallSeconds()), Format.c2st(c.meanC2st())));
            for (DirectVerdict v : c.versus()) {
                s.append(String.format(" %s; %s [%s–%s] |", v.matchedLabel(), v.atDefault().label(),
                        Intervals.format(v.atDefaultInterval()[0]),
                        Intervals.format(v.atDefaultInterval()[1])));
            }
            s.append('\n');
        }
        s.append('\n');
    }

    private static void contender(BenchReport r, BenchReport.Contender c, StringBuilder s) {
        s.append("## ").append(c.name()).append("\n\n").append(c.verdict()).append("\n\n");
        if (c.kind().equals(BenchReport.Contender.HYBRID)) {
            s.append(String.format("Importance sampling with %,d proposal draws from %s's posterior trained on %,d "
                    + "simulations, weights p(θ) p(x_o | θ) / q(θ | x_o), resampled to %,d draws. Its fixed cost is the "
                    + "amortiser's.%n%n", c.proposalDraws(), c.amortiser(), c.simulations(), r.config().samples()));
        }
        if (c.kind().equals(BenchReport.Contender.ESCALATE)) {
            s.append(String.format("Per-query escalation (dev.amortizer.escalation, default policy) of %s's posterior "
                    + "trained on %,d simulations: its own draws when a probe of importance weights is nearly flat, else "
                    + "importance sampling, else MCMC started at the importance draws; each query's cost is every step "
                    + "it tried, and its diagnostic `step` says which answered (1, 2, 3). Its fixed cost is the "
                    + "amortiser's.%n%n", c.amortiser(), c.simulations()));
        }
        s.append("Fixed cost by phase:\n\n");
        costHeader(s, "phase", r);
        c.fixedCostByPhase().forEach((phase, cost) -> costRow(s, phase, cost, r));
        s.append(String.format("| **F (total)** | **%.2f** | | | | | | | %s%n%n", c.fixedWallSeconds(),
                c.fixedMoney() == null ? "" : String.format("%.2f |", c.fixedMoney())));
        if (!c.simulationFailures().isEmpty()) {
            s.append("Failed simulations, dropped before training (counted in F): ")
                    .append(new dev.amortizer.task.FailureCounts(c.simulationFailures())).append(".\n\n");
        }
        s.append("Median per-query cost (each unit's median over the queries):\n\n");
        costHeader(s, "", r);
        costRow(s, "query", c.medianQueryCost(), r);
        s.append("\n| observation | C2ST | query wall ms | diagnostics |\n|---:|---:|---:|---|\n");
        for (QueryMeasurement q : c.queries()) {
            s.append(String.format("| %d | %s | %s | %s |%n", q.observation(), Format.c2st(q.c2st()),
                    Format.ms(q.cost().wallSeconds()),
                    diagnostics(q.diagnostics())));
        }
        s.append(String.format("| **mean / median** | **%s** | **%s** | |%n%n", Format.c2st(c.meanC2st()),
                Format.ms(c.medianQueryWallSeconds())));
        s.append("| direct method | c_D matched (ms) | N* matched [95%] | default budget | C2ST there | c_D there (ms) | N* at defaults [95%] |\n");
        s.append("|---|---:|---|---:|---:|---:|---|\n");
        for (DirectVerdict v : c.versus()) {
            s.append(String.format("| %s | %s | %s | %,d | %s | %s | %s [%s–%s] |%n", v.method(),
                    v.matchedCost() == null ? DirectVerdict.NOT_MATCHED : (switch (v.matchedCost().status()) {
                        case REACHED -> "";
                        case AT_LEAST -> "≥ ";
                        case AT_MOST -> "≤ ";
                    }) + Format.ms(v.matchedCost().wallSeconds()), v.matchedLabel(),
                    v.defaultBudget(), Format.c2st(v.defaultPoint().meanC2st()),
                    Format.ms(v.defaultPoint().medianWallSeconds()),
                    v.atDefault().label(), Intervals.format(v.atDefaultInterval()[0]),
                    Intervals.format(v.atDefaultInterval()[1])));
        }
        s.append('\n');
    }

    private static void direct(BenchReport r, BenchReport.DirectResult d, StringBuilder s) {
        s.append("### ").append(d.method()).append("\n\n");
        s.append("Anytime profile (budget in ").append(d.unit().replace('_', ' ')).append("; each rung its own run):\n\n");
        s.append("| budget | mean C2ST | median wall ms per query | CPU ms | simulator calls | likelihood evals "
                + "| gradient evals |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ProfilePoint p : d.profile()) {
            Cost c = MedianCost.of(d.measurements().get(p.budget()));
            s.append(String.format("| %,d | %s | %s | %s | %,d | %,d | %,d |%n", p.budget(), Format.c2st(p.meanC2st()),
                    Format.ms(p.medianWallSeconds()), Format.ms(c.cpuSeconds()), c.simulatorCalls(),
                    c.likelihoodEvaluations(), c.gradientEvaluations()));
        }
        s.append("\n(each column the median over the queries)\n");
        s.append("\nPer observation (C2ST / wall ms):\n\n| observation |");
        for (Long b : d.measurements().keySet()) {
            s.append(String.format(" %,d |", b));
        }
        s.append("\n|---:|").append("---:|".repeat(d.measurements().size())).append('\n');
        List<List<QueryMeasurement>> columns = List.copyOf(d.measurements().values());
        for (int i = 0; i < columns.get(0).size(); i++) {
            s.append("| ").append(columns.get(0).get(i).observation()).append(" |");
            for (List<QueryMeasurement> col : columns) {
                QueryMeasurement q = col.get(i);
                s.append(String.format(" %s / %.1f |", Format.c2st(q.c2st()), 1e3 * q.cost().wallSeconds()));
            }
            s.append('\n');
        }
        s.append('\n');
    }

    private static void costHeader(StringBuilder s, String first, BenchReport r) {
        boolean money = r.config().pricePerSimulatorCall() != null;
        s.append("| ").append(first).append(" | wall s | CPU s | simulator calls | likelihood evals | gradient evals "
                + "| forward passes | peak RSS MiB |").append(money ? " money |" : "").append('\n');
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|").append(money ? "---:|" : "").append('\n');
    }

    private static void costRow(StringBuilder s, String name, Cost c, BenchReport r) {
        s.append(String.format("| %s | %.4g | %.4g | %,d | %,d | %,d | %,d | %s |", name, c.wallSeconds(),
                c.cpuSeconds(), c.simulatorCalls(), c.likelihoodEvaluations(), c.gradientEvaluations(),
                c.forwardPasses(), Format.mib(c.peakRssBytes())));
        if (r.config().pricePerSimulatorCall() != null) {
            s.append(String.format(" %.2f |", r.config().pricePerSimulatorCall() * c.simulatorCalls()));
        }
        s.append('\n');
    }

    private static String diagnostics(Map<String, Double> d) {
        StringBuilder s = new StringBuilder();
        d.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v)));
        return s.toString();
    }
}
