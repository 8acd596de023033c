package dev.amortizer.bench.report;

import dev.amortizer.diagnostics.calibration.ParameterSummary;
import java.util.List;
import java.util.Locale;

/** {@code check.html}: one self-contained page like {@link HtmlPage} (plots as PNG data, no scripts), offline. */
final class CheckHtmlPage {
    private CheckHtmlPage() {
    }

    static String of(CheckReport r, List<ChartFiles.Rendered> charts) {
        StringBuilder s = HtmlPage.head("Calibration check: " + r.task());
        s.append("<h1>Calibration check: ").append(HtmlPage.esc(r.task())).append("</h1>\n");
        s.append("<p class=\"verdict\">").append(HtmlPage.esc(r.verdict())).append("</p>\n");
        s.append("<p>").append(HtmlPage.esc(String.format(Locale.ROOT, "Model %s (%s); %d held-out simulations (%d"
                        + " dropped), %d posterior draws each; seed %d. Held-out simulations: %.2f s wall; queries:"
                        + " %.2f s wall, %.2f s CPU. Machine: %s, %d cores (%s).%s Amortizer %s, %s.", r.model(),
                r.method(), r.simulations(), r.dropped(), r.draws(), r.seed(), r.simulationCost().wallSeconds(),
                r.queryCost().wallSeconds(), r.queryCost().cpuSeconds(), r.machine().os(), r.machine().cores(),
                r.machine().cpu(), r.machine().computeSentence(), r.amortizerVersion(), r.generatedAt())))
                .append("</p>\n");
        s.append("<table>\n<tr><th>check</th><th>p-value</th><th>flagged</th><th>test</th></tr>\n");
        row(s, "SBC", r.sbc().pValue(), r.sbc().flagged(), r.sbc().test());
        row(s, "coverage", r.coverage().pValue(), r.coverage().flagged(), r.coverage().test() + " (HPD by "
                + r.hpdDensity() + ")");
        row(s, "TARP", r.tarp().pValue(), r.tarp().flagged(), r.tarp().test()
                + String.format(Locale.ROOT, "; ATC %.3f", r.tarp().atc()));
        s.append("</table>\n<table>\n<tr><th>parameter</th><th>SBC p</th><th>z mean</th><th>z sd</th>"
                + "<th>contraction mean</th></tr>\n");
        for (ParameterSummary p : r.parameters()) {
            s.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                    + "</tr>%n", HtmlPage.esc(p.name()), p.sbcPValue(), p.zMean(), p.zSd(), p.contractionMean()));
        }
        s.append("</table>\n");
        charts.forEach(chart -> HtmlPage.figure(s, chart));
        s.append("<p>Every number: check.json (schema version ").append(r.schemaVersion())
                .append("), check.md and check.csv beside this page.</p>\n</body>\n</html>\n");
        return s.toString();
    }

    private static void row(StringBuilder s, String name, double p, boolean flagged, String test) {
        s.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%s</td><td>%s</td></tr>%n", name, p,
                flagged ? "yes" : "no", HtmlPage.esc(test)));
    }
}
