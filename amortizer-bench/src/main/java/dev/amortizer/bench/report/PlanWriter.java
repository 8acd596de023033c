package dev.amortizer.bench.report;

import dev.amortizer.bench.plan.PilotData;
import dev.amortizer.bench.plan.Plan;
import dev.amortizer.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Plan} into a folder, each file atomically: {@code plan.json} (amortizer-bench/PLAN_SCHEMA.md),
 * {@code pilot.json} (what the pilot measured),
 * {@code plan.md}, the two plots as PNG and SVG, and {@code plan.html}, which bundles them and opens offline.
 */
public final class PlanWriter {
    /** The files every plan folder holds. */
    public static final List<String> FILES = List.of("plan.json", "pilot.json", "plan.md", "plan-total-cost.png",
            "plan-total-cost.svg", "plan-learning-curve.png", "plan-learning-curve.svg", "plan.html");

    private PlanWriter() {
    }

    /**
     * Writes every file of {@link #FILES}; {@code pilot.json} is the pilot's raw measurements ({@link PilotData}:
     * per observation, per held-out simulation), from which the curves can be refitted offline
     * ({@code plan --pilot}); {@code pilot} null leaves the folder's own {@code pilot.json}, which the plan was refitted
     * from, as it is.
     */
    public static void write(Plan plan, PilotData pilot, Path dir, String command) throws IOException {
        AtomicFiles.write(dir.resolve("plan.json"), out -> ReportWriter.JSON.writeValue(out, plan));
        if (pilot != null) {
            AtomicFiles.write(dir.resolve("pilot.json"), out -> ReportWriter.JSON.writeValue(out, pilot));
        }
        List<ChartFiles.Rendered> charts = List.of(
                ChartFiles.write(PlanCharts.totalCost(plan), dir, "plan-total-cost"),
                ChartFiles.write(PlanCharts.learningCurve(plan), dir, "plan-learning-curve"));
        List<PlanTables.Table> tables = PlanTables.of(plan);
        StringBuilder md = new StringBuilder("# Budget plan: ").append(plan.task()).append("\n\n**")
                .append(plan.verdict()).append("**\n\n").append(context(plan, command)).append("\n\n");
        plan.pilot().notes().forEach(n -> md.append("- ").append(n).append('\n'));
        md.append("\n![Total cost against query volume](plan-total-cost.png)\n\n");
        tables.forEach(t -> md.append(t.markdown()));
        md.append("![Learning curve](plan-learning-curve.png)\n\nForms, intervals and fields: "
                + "amortizer-bench/PLAN_SCHEMA.md; every number: plan.json.\n");
        AtomicFiles.writeString(dir.resolve("plan.md"), md.toString());
        StringBuilder html = HtmlPage.head("Budget plan: " + plan.task());
        html.append("<h1>Budget plan: ").append(HtmlPage.esc(plan.task())).append("</h1>\n<p class=\"verdict\">")
                .append(HtmlPage.esc(plan.verdict())).append("</p>\n<p>").append(HtmlPage.esc(context(plan, command)))
                .append("</p>\n");
        plan.pilot().notes().forEach(n -> html.append("<p>").append(HtmlPage.esc(n)).append("</p>\n"));
        HtmlPage.figure(html, charts.get(0));
        tables.forEach(t -> html.append(t.html()));
        HtmlPage.figure(html, charts.get(1));
        html.append("<p>Every number: plan.json (schema version ").append(plan.schemaVersion())
                .append("), plan.md beside this page.</p>\n</body>\n</html>\n");
        AtomicFiles.writeString(dir.resolve("plan.html"), html.toString());
    }

    private static String context(Plan p, String command) {
        return String.format(Locale.ROOT, "Command: `%s`. Seed %d; %d bootstrap replicates (observations resampled, "
                        + "fitted points jittered by their residuals and one training's stray); intervals are 90%%. "
                        + "Pilot observations %s from "
                        + "%s. Machine: %s, %d cores (%s), %s, OMP_NUM_THREADS=%s.%s Amortizer %s, %s.", command,
                p.seed(), p.replicates(), p.pilot().observations(), p.pilot().source(), p.machine().os(),
                p.machine().cores(), p.machine().cpu(), p.machine().java(), p.machine().ompNumThreads(),
                p.machine().computeSentence(), p.amortizerVersion(), p.generatedAt());
    }
}
