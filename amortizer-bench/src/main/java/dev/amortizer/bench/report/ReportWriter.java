package dev.amortizer.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.DirectVerdict;
import dev.amortizer.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link BenchReport} into a folder: {@code report.json}, {@code report.md}, {@code measurements.csv}, the
 * three plots as PNG and SVG, and {@code report.html} bundling them; each file atomically.
 *
 * <p>{@code ReportWriter.write(report, Path.of("bench-out"));}
 */
public final class ReportWriter {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The files every report folder holds. */
    public static final List<String> FILES = List.of("report.json", "report.md", "measurements.csv",
            "total-cost.png", "total-cost.svg", "accuracy-vs-cost.png", "accuracy-vs-cost.svg",
            "c2st-vs-simulations.png", "c2st-vs-simulations.svg", "report.html");

    private ReportWriter() {
    }

    /** Writes every file of the report into {@code dir}. */
    public static void write(BenchReport report, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("report.json"), out -> JSON.writeValue(out, report));
        AtomicFiles.writeString(dir.resolve("report.md"), MarkdownReport.of(report));
        AtomicFiles.writeString(dir.resolve("measurements.csv"), MeasurementsCsv.of(report));
        List<ChartFiles.Rendered> charts = List.of(
                ChartFiles.write(Charts.totalCost(report), dir, "total-cost"),
                ChartFiles.write(Charts.accuracyVsCost(report), dir, "accuracy-vs-cost"),
                ChartFiles.write(Charts.c2stVsSimulations(report), dir, "c2st-vs-simulations"));
        AtomicFiles.writeString(dir.resolve("report.html"), HtmlPage.of(report, charts));
    }

    /** Reads a report.json back (tests recompute N* from it). */
    public static BenchReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchReport.class);
    }

    /** The summary table printed at the end of a run: each contender's accuracy, costs and N* per direct method. */
    public static String table(BenchReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-26s %9s %12s %11s  %s%n", "contender", "mean C2ST", "per query", "fixed cost",
                "N* at matched accuracy / at defaults"));
        for (BenchReport.Contender c : r.contenders()) {
            StringBuilder n = new StringBuilder();
            for (DirectVerdict v : c.versus()) {
                n.append(String.format("%s %s / %s  ", v.method(),
                        v.matchedAccuracy() ? v.matched().label() : DirectVerdict.NOT_MATCHED, v.atDefault().label()));
            }
            s.append(String.format("%-26s %9s %9.2f ms %9.1f s  %s%n", c.name(), Format.c2st(c.meanC2st()),
                    1e3 * c.medianQueryWallSeconds(), c.fixedWallSeconds(), n.toString().trim()));
        }
        for (BenchReport.DirectResult d : r.direct()) {
            var last = d.profile().get(d.profile().size() - 1);
            s.append(String.format("%-26s %9s %9.2f ms %11s%n", d.method() + "@" + Format.count(d.defaultBudget()),
                    Format.c2st(last.meanC2st()), 1e3 * last.medianWallSeconds(), "0 s"));
        }
        r.skipped().forEach(k -> s.append("skipped ").append(k.what()).append(": ").append(k.reason()).append('\n'));
        if (!r.accuracyMatched()) {
            s.append(r.breakEvenBasis()).append('\n');
        }
        s.append(r.verdict()).append('\n');
        return s.toString();
    }
}
