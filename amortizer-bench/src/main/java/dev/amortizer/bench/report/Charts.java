package dev.amortizer.bench.report;

import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.BreakEven;
import dev.amortizer.bench.CostAtAccuracy;
import dev.amortizer.bench.DirectVerdict;
import dev.amortizer.bench.ProfilePoint;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's three plots, built from a report's own numbers (XChart). */
final class Charts {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    /** Tableau's ten colours, yellow left out (too pale on white): distinct and colour-blind tolerable. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(23, 190, 207)};

    /** The colour of the i-th contender (from the palette's start) or direct method (from its end). */
    private static Color contenderColour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    private static Color directColour(int i) {
        return PALETTE[PALETTE.length - 1 - i % PALETTE.length];
    }

    private Charts() {
    }

    /**
     * Total cost against number of queries on log axes: TC_A(N) = F + N·c_A for each contender at the largest
     * simulation budget, TC_D(N) = N·c_D for each direct method at the primary contender's accuracy, N* marked.
     */
    static XYChart totalCost(BenchReport r) {
        XYChart chart = chart("Total cost against number of queries (" + r.task().name() + ")", "number of queries N",
                "total wall seconds");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        BenchReport.Contender primary = r.primary();
        if (primary == null) {
            return empty(chart);
        }
        double nMax = 1_000;
        for (DirectVerdict v : primary.versus()) {
            if (shown(v).queries() > 0) {
                nMax = Math.max(nMax, 10.0 * shown(v).queries());
            }
        }
        nMax = Math.min(nMax, 1e9);
        double[] n = logGrid(1, nMax, 64);
        int largest = r.config().simulations().get(r.config().simulations().size() - 1);
        for (int k = 0; k < r.contenders().size(); k++) {
            BenchReport.Contender c = r.contenders().get(k);
            if (c.simulations() == largest) {
                double[] tc = new double[n.length];
                for (int i = 0; i < n.length; i++) {
                    tc[i] = c.fixedWallSeconds() + n[i] * c.medianQueryWallSeconds();
                }
                XYSeries s = chart.addSeries(c.name() + ": F + N·c_A", n, tc);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(contenderColour(k));
            }
        }
        for (int k = 0; k < primary.versus().size(); k++) {
            DirectVerdict v = primary.versus().get(k);
            // Unscored runs have no matched c_D: the line is the default budget's cost, and its legend says so.
            CostAtAccuracy cost = v.matchedAccuracy() ? v.matchedCost()
                    : new CostAtAccuracy(v.defaultPoint().medianWallSeconds(), CostAtAccuracy.Status.REACHED);
            double cD = cost.wallSeconds();
            double[] tc = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                tc[i] = n[i] * cD;
            }
            String bound = switch (cost.status()) {
                case REACHED -> "";
                case AT_LEAST -> " (c_D is a lower bound)";
                case AT_MOST -> " (c_D is an upper bound)";
            };
            String at = v.matchedAccuracy() ? " at " + primary.name() + "'s C2ST"
                    : " at its default budget (accuracy not matched)";
            XYSeries s = chart.addSeries(v.method() + ": N·c_D" + at + bound, n, tc);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(cost.status() == CostAtAccuracy.Status.REACHED ? SeriesLines.DASH_DASH : SeriesLines.DOT_DOT);
            s.setLineColor(directColour(k));
        }
        for (int k = 0; k < primary.versus().size(); k++) {
            DirectVerdict v = primary.versus().get(k);
            BreakEven b = shown(v);
            if (b.queries() > 0) {
                double at = b.queries();
                XYSeries s = chart.addSeries("N* vs " + v.method() + " = " + b.label()
                                + (v.matchedAccuracy() ? "" : " (at its default budget)"), new double[] {at},
                        new double[] {primary.fixedWallSeconds() + at * primary.medianQueryWallSeconds()});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(directColour(k).darker());
            }
        }
        return chart;
    }

    /** Accuracy against cost per query: direct methods as anytime curves, contenders as points. */
    static XYChart accuracyVsCost(BenchReport r) {
        XYChart chart = chart("Accuracy against cost per query (" + r.task().name() + ")",
                "median wall seconds per query", "mean C2ST (0.5 = indistinguishable from the reference)");
        chart.getStyler().setXAxisLogarithmic(true);
        for (int k = 0; k < r.direct().size(); k++) {
            BenchReport.DirectResult d = r.direct().get(k);
            List<ProfilePoint> p = d.profile();
            if (p.stream().anyMatch(x -> Double.isNaN(x.meanC2st()))) {
                continue; // not scored: no accuracy to plot
            }
            XYSeries s = chart.addSeries(d.method() + " (anytime, " + d.unit().replace('_', ' ') + ")",
                    p.stream().mapToDouble(ProfilePoint::medianWallSeconds).toArray(),
                    p.stream().mapToDouble(ProfilePoint::meanC2st).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(directColour(k));
            s.setMarkerColor(directColour(k));
        }
        for (int k = 0; k < r.contenders().size(); k++) {
            BenchReport.Contender c = r.contenders().get(k);
            if (Double.isNaN(c.meanC2st())) {
                continue;
            }
            XYSeries s = chart.addSeries(c.name(), new double[] {c.medianQueryWallSeconds()}, new double[] {c.meanC2st()});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(c.kind().equals(BenchReport.Contender.HYBRID) ? SeriesMarkers.TRIANGLE_UP
                    : c.kind().equals(BenchReport.Contender.ESCALATE) ? SeriesMarkers.SQUARE : SeriesMarkers.DIAMOND);
            s.setMarkerColor(contenderColour(k));
        }
        return chart.getSeriesMap().isEmpty() ? empty(chart, r) : chart;
    }

    /**
     * C2ST against simulation budget: each amortiser (and each hybrid) over its budgets, and the direct methods whose
     * budget counts simulator calls (ABC) over theirs.
     */
    static XYChart c2stVsSimulations(BenchReport r) {
        XYChart chart = chart("C2ST against simulation budget (" + r.task().name() + ")", "simulations",
                "mean C2ST (0.5 = indistinguishable from the reference)");
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (BenchReport.Contender c : r.contenders()) {
            if (Double.isNaN(c.meanC2st())) {
                continue; // not scored
            }
            String key = c.kind().equals(BenchReport.Contender.HYBRID)
                    ? c.amortiser() + " + importance sampling (" + Format.count(c.proposalDraws()) + " proposals)"
                    : c.kind().equals(BenchReport.Contender.ESCALATE) ? c.amortiser() + " + escalation"
                    : c.amortiser();
            lines.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {c.simulations(), c.meanC2st()});
        }
        int k = 0;
        for (Map.Entry<String, List<double[]>> line : lines.entrySet()) {
            List<double[]> points = line.getValue();
            XYSeries s = chart.addSeries(line.getKey(), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineColor(contenderColour(k));
            s.setMarkerColor(contenderColour(k++));
        }
        for (int j = 0; j < r.direct().size(); j++) {
            BenchReport.DirectResult d = r.direct().get(j);
            if (d.unit().equals("simulator_calls") && d.profile().stream().noneMatch(x -> Double.isNaN(x.meanC2st()))) {
                XYSeries s = chart.addSeries(d.method() + " (per query)",
                        d.profile().stream().mapToDouble(ProfilePoint::budget).toArray(),
                        d.profile().stream().mapToDouble(ProfilePoint::meanC2st).toArray());
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setLineStyle(SeriesLines.DASH_DASH);
                s.setLineColor(directColour(j));
                s.setMarkerColor(directColour(j));
            }
        }
        return chart.getSeriesMap().isEmpty() ? empty(chart, r) : chart;
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line)
                .setPlotGridLinesColor(new Color(225, 225, 225)).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setChartBackgroundColor(Color.WHITE).setLegendBorderColor(Color.LIGHT_GRAY);
        return chart;
    }

    /** A chart with nothing measured says so rather than failing. */
    private static XYChart empty(XYChart chart, BenchReport r) {
        return empty(chart, r.accuracyMatched() ? "nothing measured"
                : "no C2ST: the answers were timed, not scored (" + r.breakEvenBasis() + ")");
    }

    private static XYChart empty(XYChart chart) {
        return empty(chart, "nothing measured");
    }

    static XYChart empty(XYChart chart, String what) {
        XYSeries s = chart.addSeries(what, new double[] {1}, new double[] {1});
        s.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** The N* a total-cost chart marks: at matched accuracy, else (unscored) at the default budget. */
    private static BreakEven shown(DirectVerdict v) {
        return v.matchedAccuracy() ? v.matched() : v.atDefault();
    }

    static double[] logGrid(double from, double to, int points) {
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = Math.exp(Math.log(from) + i * (Math.log(to) - Math.log(from)) / (points - 1));
        }
        return g;
    }
}
