package dev.amortizer.bench.report;

import dev.amortizer.bench.plan.Decision;
import dev.amortizer.bench.plan.Measure;
import dev.amortizer.bench.plan.Plan;
import dev.amortizer.bench.plan.PowerLaw;
import java.awt.Color;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The plan's two plots: total cost against query volume per option, and the amortiser's learning curve. */
final class PlanCharts {
    private static final Color AMORTISED = new Color(31, 119, 180);
    private static final Color[] DIRECT = {new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189),
        new Color(140, 86, 75), new Color(127, 127, 127)};

    private PlanCharts() {
    }

    /**
     * Total wall seconds against Q on log axes at the target: F + Q·c_A for the amortiser, Q·c_D for each direct
     * method that reaches it, each with its 90% band (dotted), the recommended option at each asked Q marked, and the
     * flip volume with its interval.
     */
    static XYChart totalCost(Plan p) {
        XYChart chart = Charts.chart(String.format(java.util.Locale.ROOT, "Total cost against query volume at %s ≤ "
                + "%.3f (%s)", p.measure().label(), p.target(), p.task()), "number of queries Q", "total wall seconds");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        long maxQ = p.queries().stream().mapToLong(Long::longValue).max().orElse(1000);
        double[] q = Charts.logGrid(1, Math.max(10.0 * maxQ, 1000), 64);
        Plan.AtTarget t = p.atTarget();
        if (t.fixedSeconds().estimate() != null) {
            line(chart, "amortise: F + Q·c_A", q, t.fixedSeconds(), t.querySeconds(), AMORTISED);
        }
        int k = 0;
        for (Map.Entry<String, Plan.Interval> e : t.directSeconds().entrySet()) {
            if (e.getValue().estimate() != null) {
                line(chart, e.getKey() + ": Q·c_D", q, new Plan.Interval(0.0, 0.0, 0.0), e.getValue(),
                        DIRECT[k % DIRECT.length]);
            }
            k++;
        }
        for (Plan.Recommendation r : p.recommendations()) {
            if (r.totalSeconds().estimate() != null) {
                XYSeries s = chart.addSeries("Q = " + r.queries() + ": " + r.option() + " ("
                                + Math.round(100 * r.agreement()) + "% agree)", new double[] {r.queries()},
                        new double[] {r.totalSeconds().estimate()});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(Color.BLACK);
            }
        }
        Plan.Interval x = t.crossover();
        if (x.estimate() != null && x.estimate() >= 1 && t.fixedSeconds().estimate() != null) {
            double lo = x.low() == null ? x.estimate() : Math.max(1, x.low());
            double hi = x.high() == null ? x.estimate() : x.high();
            double y = t.fixedSeconds().estimate() + x.estimate() * t.querySeconds().estimate();
            XYSeries s = chart.addSeries("flip to amortising: Q× ≈ " + Plan.count(x.estimate()) + " (90%: "
                    + Plan.count(x.low()) + "–" + Plan.count(x.high()) + ")", new double[] {lo, x.estimate(),
                        hi}, new double[] {y, y, y});
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(Color.DARK_GRAY);
            s.setMarkerColor(Color.DARK_GRAY);
        }
        return chart.getSeriesMap().isEmpty() ? Charts.empty(chart, "no option reaches the target") : chart;
    }

    /** The line a + Q·c with dotted 90% bounds (a_low + Q·c_low, a_high + Q·c_high; null bounds left out). */
    private static void line(XYChart chart, String name, double[] q, Plan.Interval a, Plan.Interval c, Color colour) {
        add(chart, name, q, a.estimate(), c.estimate(), colour, SeriesLines.SOLID);
        if (a.low() != null && c.low() != null && a.low() + c.low() > 0) {
            add(chart, name + ", 5%", q, a.low(), c.low(), colour, SeriesLines.DOT_DOT);
        }
        if (a.high() != null && c.high() != null) {
            add(chart, name + ", 95%", q, a.high(), c.high(), colour, SeriesLines.DOT_DOT);
        }
    }

    private static void add(XYChart chart, String name, double[] q, double a, double c, Color colour,
                            java.awt.BasicStroke stroke) {
        double[] y = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            y[i] = Math.max(a + q[i] * c, 1e-6);
        }
        XYSeries s = chart.addSeries(name, q, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
    }

    /**
     * Accuracy against simulations: the pilot's points, the fitted curve, the predictions with intervals, the target.
     */
    static XYChart learningCurve(Plan p) {
        boolean c2st = p.measure() == Measure.C2ST;
        XYChart chart = Charts.chart("Amortiser learning curve (" + p.task() + ")", "simulations", c2st
                ? "mean C2ST (0.5 = indistinguishable from the reference)"
                : "coverage error on " + p.heldOut() + " held-out simulations (0 = calibrated)");
        chart.getStyler().setXAxisLogarithmic(true);
        PowerLaw curve = p.fits().amortiserAccuracy();
        double lo = p.pilot().points().get(0).simulations();
        double[] n = Charts.logGrid(lo, Decision.EXTRAPOLATION * 1000, 64);
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            y[i] = curve.at(n[i]);
        }
        XYSeries fit = chart.addSeries(c2st ? "fit: 0.5 + a·n^(−b) + floor" : "fit: a·n^(−b) + floor", n, y);
        fit.setMarker(SeriesMarkers.NONE);
        fit.setLineColor(AMORTISED);
        XYSeries pilot = chart.addSeries(c2st ? "pilot (mean over observations)" : "pilot",
                p.pilot().points().stream().mapToDouble(Plan.AmortiserRow::simulations).toArray(),
                p.pilot().points().stream().mapToDouble(a -> c2st ? a.meanC2st() : a.coverageError()).toArray());
        pilot.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pilot.setMarker(SeriesMarkers.CIRCLE);
        pilot.setMarkerColor(Color.BLACK);
        for (Plan.AtBudget b : p.predictions()) {
            XYSeries s = chart.addSeries("prediction at " + b.simulations() + ", 90% interval",
                    new double[] {b.simulations(), b.simulations()}, new double[] {b.accuracy().low(), b.accuracy().high()});
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineColor(DIRECT[2]);
            s.setMarkerColor(DIRECT[2]);
        }
        XYSeries target = chart.addSeries("target", new double[] {lo, n[n.length - 1]},
                new double[] {p.target(), p.target()});
        target.setMarker(SeriesMarkers.NONE);
        target.setLineStyle(SeriesLines.DASH_DASH);
        target.setLineColor(Color.GRAY);
        return chart;
    }
}
