package dev.amortizer.bench.report;

import dev.amortizer.bench.plan.CoverageError;
import dev.amortizer.diagnostics.calibration.CalibrationResult;
import dev.amortizer.diagnostics.calibration.UniformityTests;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The four plots of {@code amortizer check}, built from a {@link CalibrationResult} (XChart, as {@link Charts}). */
final class CalibrationCharts {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(23, 190, 207)};
    private static final Color BAND = new Color(150, 150, 150);
    /** Credibility levels of the plotted curves: 0.01..0.99. */
    private static final double[] GRID = CoverageError.ladder(99);

    private CalibrationCharts() {
    }

    /** F_N(k) − (k+1)/(L+1) against the fractional rank (k+1)/(L+1), per parameter, with the ±ε band. */
    static XYChart sbcEcdf(CalibrationResult r, String task) {
        XYChart chart = Charts.chart("SBC: rank ECDF minus uniform CDF (" + task + ", N = " + r.simulations()
                + ", L = " + r.draws() + ")", "fractional rank", "ECDF difference");
        chart.getStyler().setXAxisDecimalPattern("0.0#");
        int l = r.draws();
        double[] x = new double[l + 1];
        for (int k = 0; k <= l; k++) {
            x[k] = (k + 1.0) / (l + 1);
        }
        List<String> names = r.parameterNames();
        for (int j = 0; j < names.size(); j++) {
            XYSeries s = chart.addSeries(names.get(j), x, UniformityTests.ecdfDifference(r.ranks(j), l));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[j % PALETTE.length]);
        }
        double e = r.bandHalfWidth();
        band(chart, String.format(java.util.Locale.ROOT, "simultaneous %.0f%% band (±%.3f)", 100 * (1 - r.bandAlpha()),
                e), new double[] {0, 1}, new double[] {-e, -e}, new double[] {e, e});
        return chart;
    }

    /** Empirical coverage of the HPD regions against the nominal level, with the binomial band. */
    static XYChart coverage(CalibrationResult r, String task) {
        XYChart chart = Charts.chart("Expected coverage of HPD regions (" + task + ", " + (r.posteriorDensity()
                ? "posterior density" : "KDE over the draws") + ")", "credibility level", "empirical coverage");
        curveWithBand(chart, "empirical coverage", r.coverage(GRID), r.simulations());
        return chart;
    }

    /** TARP's expected coverage probability against the credibility level, with the binomial band. */
    static XYChart tarp(CalibrationResult r, String task) {
        XYChart chart = Charts.chart(String.format(java.util.Locale.ROOT, "TARP: expected coverage probability (%s,"
                + " ATC = %.3f)", task, r.atc()), "credibility level", "ECP");
        curveWithBand(chart, "ECP", r.ecp(GRID), r.simulations());
        return chart;
    }

    /** Posterior z-score against contraction, one point per held-out simulation and parameter. */
    static XYChart zContraction(CalibrationResult r, String task) {
        XYChart chart = Charts.chart("Posterior z-score against contraction (" + task + ")",
                "contraction 1 − var_post/var_prior", "z = (posterior mean − θ*)/posterior sd");
        List<String> names = r.parameterNames();
        for (int j = 0; j < names.size(); j++) {
            double[] c = new double[r.simulations()];
            double[] z = new double[r.simulations()];
            for (int n = 0; n < c.length; n++) {
                c[n] = r.contraction(n, j);
                z[n] = r.zScore(n, j);
            }
            XYSeries s = chart.addSeries(names.get(j), c, z);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(PALETTE[j % PALETTE.length]);
        }
        return chart;
    }

    private static void curveWithBand(XYChart chart, String name, double[] observed, int n) {
        double[][] b = CheckReport.binomialBand(GRID, n);
        double[] lower = new double[GRID.length];
        double[] upper = new double[GRID.length];
        for (int k = 0; k < GRID.length; k++) {
            lower[k] = b[k][0];
            upper[k] = b[k][1];
        }
        XYSeries diagonal = chart.addSeries("nominal", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.BLACK);
        band(chart, "pointwise 95% binomial band", GRID, lower, upper);
        XYSeries s = chart.addSeries(name, GRID, observed);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(PALETTE[0]);
    }

    private static void band(XYChart chart, String name, double[] x, double[] lower, double[] upper) {
        XYSeries lo = chart.addSeries(name, x, lower);
        XYSeries hi = chart.addSeries(name + " ", x, upper);
        for (XYSeries s : new XYSeries[] {lo, hi}) {
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(BAND);
            s.setLineStyle(SeriesLines.DASH_DASH);
        }
        hi.setShowInLegend(false);
    }
}
