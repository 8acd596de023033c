package dev.amortizer.bench.report;

import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.DirectVerdict;
import dev.amortizer.bench.ProfilePoint;
import java.util.Base64;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (plots embedded as PNG data, no scripts, no external resources) with
 * the verdict, the summary tables and the three plots; it opens offline in any browser.
 */
final class HtmlPage {
    private HtmlPage() {
    }

    static String of(BenchReport r, List<ChartFiles.Rendered> charts) {
        StringBuilder s = head("Break-even report: " + r.task().name());
        s.append("<h1>Break-even report: ").append(esc(r.task().name())).append("</h1>\n");
        s.append("<p class=\"verdict\">").append(esc(r.verdict())).append("</p>\n");
        if (!r.accuracyMatched()) {
            s.append("<p><b>").append(esc(r.breakEvenBasis())).append(".</b> Every answer was timed; none could be "
                    + "scored by C2ST.</p>\n");
        }
        s.append("<p>").append(esc(String.format("Task %s (dim θ = %d, dim x = %d); %d queries from %s; %,d draws per "
                        + "query; seed %d. Machine: %s, %d cores (%s), %s, OMP_NUM_THREADS=%s.%s Amortizer %s, %s.",
                r.task().name(), r.task().parameterDim(), r.task().dataDim(), r.config().observations(), r.observations(),
                r.config().samples(), r.config().seed(), r.machine().os(), r.machine().cores(), r.machine().cpu(),
                r.machine().java(), r.machine().ompNumThreads(), r.machine().computeSentence(), r.amortizerVersion(),
                r.generatedAt()))).append("</p>\n");

        s.append("<h2>Contenders</h2>\n<table>\n<tr><th>contender</th><th>kind</th><th>simulations</th>"
                + "<th>F (wall s)</th><th>c_A (ms)</th><th>mean C2ST</th>");
        for (BenchReport.DirectResult d : r.direct()) {
            s.append("<th>N* vs ").append(esc(d.method())).append("<br>matched [95%]; at defaults</th>");
        }
        s.append("</tr>\n");
        for (BenchReport.Contender c : r.contenders()) {
            s.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(c.kind()).append("</td><td>")
                    .append(String.format("%,d", c.simulations())).append("</td><td>")
                    .append(String.format("%.1f", c.fixedWallSeconds())).append("</td><td>")
                    .append(Format.ms(c.medianQueryWallSeconds())).append("</td><td>")
                    .append(Format.c2st(c.meanC2st())).append("</td>");
            for (DirectVerdict v : c.versus()) {
                s.append("<td>").append(esc(v.matchedLabel())).append("; ")
                        .append(esc(v.atDefault().label())).append("</td>");
            }
            s.append("</tr>\n");
        }
        s.append("</table>\n");

        charts.forEach(chart -> figure(s, chart));

        s.append("<h2>Direct methods: anytime profiles</h2>\n");
        for (BenchReport.DirectResult d : r.direct()) {
            s.append("<h3>").append(esc(d.method())).append("</h3>\n<table><tr><th>budget (")
                    .append(esc(d.unit().replace('_', ' '))).append(")</th><th>mean C2ST</th><th>median wall ms per query</th></tr>\n");
            for (ProfilePoint p : d.profile()) {
                s.append(String.format("<tr><td>%,d</td><td>%s</td><td>%s</td></tr>%n", p.budget(),
                        Format.c2st(p.meanC2st()),
                        Format.ms(p.medianWallSeconds())));
            }
            s.append("</table>\n");
        }
        if (!r.skipped().isEmpty()) {
            s.append("<h2>Skipped</h2>\n<ul>\n");
            r.skipped().forEach(k -> s.append("<li><b>").append(esc(k.what())).append("</b>: ").append(esc(k.reason()))
                    .append("</li>\n"));
            s.append("</ul>\n");
        }
        s.append("<p>Every number: report.json (schema version ").append(r.schemaVersion())
                .append("), report.md and measurements.csv beside this page.</p>\n</body>\n</html>\n");
        return s.toString();
    }

    /** The page's head and shared style, and the opening of its body: every report page looks the same. */
    static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:14px}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}\n")
                .append(".verdict{font-size:1.15em;font-weight:bold;background:#eef6ee;padding:.8em;border-left:4px solid #4a4}\n")
                .append("figure{margin:1.5em 0}img{max-width:100%;border:1px solid #eee}figcaption{color:#555}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    /** A chart embedded as PNG data, captioned with its title and the names of its files. */
    static void figure(StringBuilder s, ChartFiles.Rendered chart) {
        s.append("<figure><img alt=\"").append(esc(chart.title())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(chart.png()))
                .append("\"><figcaption>").append(esc(chart.title())).append(" (also ").append(chart.name())
                .append(".png and .svg)</figcaption></figure>\n");
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
