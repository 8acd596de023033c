package dev.amortizer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.amortizer.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a {@link BenchReport} as {@code report.json} and {@code report.md}, and as a terminal table. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Writes both files into {@code dir}, each atomically. */
    public static void write(BenchReport report, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("report.json"), out -> JSON.writeValue(out, report));
        AtomicFiles.writeString(dir.resolve("report.md"), markdown(report));
    }

    /** Reads a report.json back (tests recompute N* from it). */
    public static BenchReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchReport.class);
    }

    /** The summary table printed at the end of a run. */
    public static String table(BenchReport r) {
        StringBuilder s = new StringBuilder();
        BenchReport.Amortiser a = r.amortiser();
        s.append(String.format("%-15s %10s %14s %12s %18s%n", "method", "mean C2ST", "per query", "fixed cost", "N* (matched)"));
        s.append(String.format("%-15s %10.3f %11.2f ms %10.1f s %18s%n", "npe-" + a.estimator(), a.meanC2st(),
                1e3 * a.medianQueryWallSeconds(), a.fixedWallSeconds(), "-"));
        for (BenchReport.DirectResult d : r.direct()) {
            DirectVerdict v = d.verdict();
            ProfilePoint last = v.defaultPoint();
            s.append(String.format("%-15s %10.3f %11.2f ms %12s %18s%n", d.method() + "@" + shortBudget(last.budget()),
                    last.meanC2st(), 1e3 * last.medianWallSeconds(), "0 s", v.matched().label()));
        }
        s.append(r.verdict()).append('\n');
        return s.toString();
    }

    static String markdown(BenchReport r) {
        StringBuilder s = new StringBuilder();
        BenchReport.Amortiser a = r.amortiser();
        s.append("# Break-even report: ").append(r.task().name()).append("\n\n");
        s.append("**").append(r.verdict()).append("**\n\n");
        s.append(String.format("Task `%s` (dim θ = %d, dim x = %d); %d queries from %s; %,d draws per query; seed %d.%n%n",
                r.task().name(), r.task().parameterDim(), r.task().dataDim(), a.queries().size(), r.observations(),
                r.config().samples(), r.config().seed()));
        s.append(String.format("Machine: %s, %d cores (%s), %s, OMP_NUM_THREADS=%s. Amortizer %s, %s.%n%n",
                r.machine().os(), r.machine().cores(), r.machine().cpu(), r.machine().java(),
                r.machine().ompNumThreads(), r.amortizerVersion(), r.generatedAt()));
        s.append("## Amortiser\n\n");
        s.append(String.format("NPE (%s) trained on %,d simulations (%d invalid dropped).%n%n", a.estimator(),
                a.simulations(), a.invalidSimulations()));
        s.append("| phase | wall s | CPU s | simulator calls |\n|---|---:|---:|---:|\n");
        a.fixedCostByPhase().forEach((phase, c) -> s.append(String.format("| %s | %.2f | %.2f | %,d |%n", phase,
                c.wallSeconds(), c.cpuSeconds(), c.simulatorCalls())));
        s.append(String.format("| **F (total)** | **%.2f** | | |%n%n", a.fixedWallSeconds()));
        s.append("| observation | C2ST | query wall ms |\n|---:|---:|---:|\n");
        for (QueryMeasurement q : a.queries()) {
            s.append(String.format("| %d | %.3f | %.2f |%n", q.observation(), q.c2st(), 1e3 * q.cost().wallSeconds()));
        }
        s.append(String.format("| **mean / median** | **%.3f** | **%.2f** |%n%n", a.meanC2st(),
                1e3 * a.medianQueryWallSeconds()));
        s.append("## Direct methods\n\n");
        for (BenchReport.DirectResult d : r.direct()) {
            DirectVerdict v = d.verdict();
            s.append("### ").append(d.method()).append("\n\n");
            s.append("Anytime profile (budget in ").append(d.unit().replace('_', ' ')).append("):\n\n");
            s.append("| budget | mean C2ST | median wall ms per query |\n|---:|---:|---:|\n");
            for (ProfilePoint p : v.profile()) {
                s.append(String.format("| %,d | %.3f | %.2f |%n", p.budget(), p.meanC2st(), 1e3 * p.medianWallSeconds()));
            }
            s.append(String.format("%n- c_D at matched accuracy (C2ST %.3f): %.2f ms (%s)%n", v.targetC2st(),
                    1e3 * v.matchedCost().wallSeconds(), v.matchedCost().status().name().toLowerCase().replace('_', ' ')));
            s.append(String.format("- **N* at matched accuracy: %s** (95%% bootstrap interval over queries: %s–%s)%n",
                    v.matched().label(), Intervals.format(v.matchedInterval()[0]),
                    Intervals.format(v.matchedInterval()[1])));
            s.append(String.format("- N* against its largest budget (%,d; C2ST %.3f, %.2f ms): %s%n%n", v.defaultBudget(),
                    v.defaultPoint().meanC2st(), 1e3 * v.defaultPoint().medianWallSeconds(), v.atDefault().label()));
            s.append("Per observation (C2ST / wall ms):\n\n| observation |");
            for (Long b : d.measurements().keySet()) {
                s.append(String.format(" %,d |", b));
            }
            s.append("\n|---:|").append("---:|".repeat(d.measurements().size())).append('\n');
            List<List<QueryMeasurement>> columns = List.copyOf(d.measurements().values());
            for (int i = 0; i < a.queries().size(); i++) {
                s.append("| ").append(a.queries().get(i).observation()).append(" |");
                for (List<QueryMeasurement> col : columns) {
                    QueryMeasurement q = col.get(i);
                    s.append(String.format(" %.3f / %.1f |", q.c2st(), 1e3 * q.cost().wallSeconds()));
                }
                s.append('\n');
            }
            s.append('\n');
        }
        s.append("N* = ⌈F / (c_D − c_A)⌉ with F the amortiser's fixed wall seconds, c_A its median per-query wall "
                + "seconds and c_D the direct method's median per-query wall seconds at the amortiser's mean C2ST, "
                + "interpolated in log cost along its anytime profile (docs/BENCHMARK.md).\n");
        return s.toString();
    }

    private static String shortBudget(long b) {
        return b >= 1_000_000 && b % 1_000_000 == 0 ? b / 1_000_000 + "M" : b >= 1000 && b % 1000 == 0 ? b / 1000 + "k" : Long.toString(b);
    }

}
