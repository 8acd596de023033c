package dev.amortizer.bench.report;

import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.DirectVerdict;
import dev.amortizer.bench.Headline;
import dev.amortizer.bench.Intervals;
import dev.amortizer.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The summary of a suite (several tasks, one report folder each): {@code suite.md}, the plot of C2ST against
 * simulation budget across tasks ({@code suite-c2st-vs-simulations.png/.svg}) and {@code index.html} linking every
 * task's page.
 */
public final class SuiteSummary {
    private SuiteSummary() {
    }

    /** Writes the summary files into {@code dir}, whose sub-folders (one per task, named as the task) hold the reports. */
    public static void write(List<BenchReport> reports, Path dir) throws IOException {
        ChartFiles.Rendered chart = ChartFiles.write(c2stAcrossTasks(reports), dir, "suite-c2st-vs-simulations");
        AtomicFiles.writeString(dir.resolve("suite.md"), markdown(reports));
        AtomicFiles.writeString(dir.resolve("index.html"), html(reports, chart));
    }

    static String markdown(List<BenchReport> reports) {
        StringBuilder s = new StringBuilder("# Break-even suite\n\n");
        BenchReport first = reports.get(0);
        s.append(String.format("Machine: %s, %d cores (%s), %s, OMP_NUM_THREADS=%s.%s Amortizer %s.%n%n",
                first.machine().os(), first.machine().cores(), first.machine().cpu(), first.machine().java(),
                first.machine().ompNumThreads(), first.machine().computeSentence(), first.amortizerVersion()));
        s.append("![C2ST against simulation budget](suite-c2st-vs-simulations.png)\n\n");
        s.append("| task | contender | mean C2ST | F (wall s) | c_A (ms) | strongest direct method | its C2ST at defaults "
                + "| N* matched [95%] | N* at defaults [95%] |\n|---|---|---:|---:|---:|---|---:|---|---|\n");
        for (BenchReport r : reports) {
            for (BenchReport.Contender c : r.contenders()) {
                Optional<DirectVerdict> best = Headline.strongest(c.versus());
                s.append(String.format("| [%s](%s/report.md) | %s | %s | %.1f | %s | %s | %s | %s | %s |%n",
                        r.task().name(), r.task().name(), c.name(), Format.c2st(c.meanC2st()), c.fixedWallSeconds(),
                        Format.ms(c.medianQueryWallSeconds()), best.map(DirectVerdict::method).orElse("none"),
                        best.map(v -> Format.c2st(v.defaultPoint().meanC2st())).orElse(""),
                        best.map(DirectVerdict::matchedLabel).orElse(""),
                        best.map(v -> v.atDefault().label() + " [" + Intervals.format(v.atDefaultInterval()[0]) + "–"
                                + Intervals.format(v.atDefaultInterval()[1]) + "]").orElse("")));
            }
        }
        s.append("\nVerdicts (primary contender of each task):\n\n");
        for (BenchReport r : reports) {
            s.append("- **").append(r.task().name()).append("**: ").append(r.verdict()).append('\n');
        }
        for (BenchReport r : reports) {
            if (!r.skipped().isEmpty()) {
                r.skipped().forEach(k -> s.append("- skipped on ").append(r.task().name()).append(": `")
                        .append(k.what()).append("`: ").append(k.reason()).append('\n'));
            }
        }
        return s.toString();
    }

    static XYChart c2stAcrossTasks(List<BenchReport> reports) {
        XYChart chart = Charts.chart("C2ST against simulation budget, every task", "simulations",
                "mean C2ST (0.5 = indistinguishable from the reference)");
        chart.getStyler().setXAxisLogarithmic(true);
        for (BenchReport r : reports) {
            for (String amortiser : r.config().amortisers()) {
                List<BenchReport.Contender> line = r.contenders().stream().filter(c -> c.amortiser().equals(amortiser)
                        && c.kind().equals(BenchReport.Contender.AMORTISED) && !Double.isNaN(c.meanC2st())).toList();
                if (!line.isEmpty()) {
                    XYSeries s = chart.addSeries(r.task().name() + ": " + amortiser,
                            line.stream().mapToDouble(BenchReport.Contender::simulations).toArray(),
                            line.stream().mapToDouble(BenchReport.Contender::meanC2st).toArray());
                    s.setMarker(SeriesMarkers.DIAMOND);
                }
            }
        }
        // a suite of unscored (simulator-only) tasks has no C2ST to plot: say so rather than draw nothing
        return chart.getSeriesMap().isEmpty() ? Charts.empty(chart, "no C2ST: no task's answers were scored") : chart;
    }

    static String html(List<BenchReport> reports, ChartFiles.Rendered chart) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>Break-even suite</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;"
                + "padding:0 1em}img{max-width:100%}</style>\n</head>\n<body>\n<h1>Break-even suite</h1>\n<ul>\n");
        for (BenchReport r : reports) {
            s.append("<li><a href=\"").append(r.task().name()).append("/report.html\">").append(HtmlPage.esc(r.task().name()))
                    .append("</a>: ").append(HtmlPage.esc(r.verdict())).append("</li>\n");
        }
        s.append("</ul>\n<figure><img alt=\"").append(HtmlPage.esc(chart.title())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(chart.png()))
                .append("\"></figure>\n</body>\n</html>\n");
        return s.toString();
    }
}
