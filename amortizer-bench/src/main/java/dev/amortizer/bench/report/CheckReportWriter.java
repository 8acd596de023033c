package dev.amortizer.bench.report;

import dev.amortizer.bench.plan.CoverageError;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.diagnostics.calibration.CalibrationResult;
import dev.amortizer.diagnostics.calibration.ParameterSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the files of {@code amortizer check} into a folder, each atomically: {@code check.json} ({@link
 * CheckReport}), {@code check.md}, {@code check.csv} (one row per held-out simulation and parameter), four plots as
 * PNG and SVG, and {@code check.html} bundling them offline.
 *
 * <p>{@code CheckReportWriter.write(result, CheckReport.of(result, ...), Path.of("check-out"));}
 */
public final class CheckReportWriter {
    /** The plots, by file name without extension. */
    private static final List<String> PLOTS = List.of("sbc-ecdf", "coverage", "tarp", "z-contraction");
    /** The files every check folder holds. */
    public static final List<String> FILES = List.of("check.json", "check.md", "check.csv", "sbc-ecdf.png",
            "sbc-ecdf.svg", "coverage.png", "coverage.svg", "tarp.png", "tarp.svg", "z-contraction.png",
            "z-contraction.svg", "check.html");

    private CheckReportWriter() {
    }

    /** Writes every file of the check into {@code dir}. */
    public static void write(CalibrationResult result, CheckReport report, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("check.json"), out -> ReportWriter.JSON.writeValue(out, report));
        AtomicFiles.writeString(dir.resolve("check.md"), markdown(report));
        AtomicFiles.writeString(dir.resolve("check.csv"), csv(result));
        String task = report.task();
        List<ChartFiles.Rendered> charts = List.of(
                ChartFiles.write(CalibrationCharts.sbcEcdf(result, task), dir, PLOTS.get(0)),
                ChartFiles.write(CalibrationCharts.coverage(result, task), dir, PLOTS.get(1)),
                ChartFiles.write(CalibrationCharts.tarp(result, task), dir, PLOTS.get(2)),
                ChartFiles.write(CalibrationCharts.zContraction(result, task), dir, PLOTS.get(3)));
        AtomicFiles.writeString(dir.resolve("check.html"), CheckHtmlPage.of(report, charts));
    }

    /** {@code simulation,parameter,rank,z,contraction,hpd_level,tarp_fraction}; the last two are per simulation. */
    static String csv(CalibrationResult r) {
        StringBuilder s = new StringBuilder("simulation,parameter,rank,z,contraction,hpd_level,tarp_fraction\n");
        List<String> names = r.parameterNames();
        for (int n = 0; n < r.simulations(); n++) {
            for (int j = 0; j < names.size(); j++) {
                s.append(n + 1).append(',').append(names.get(j)).append(',').append(r.rank(n, j)).append(',')
                        .append(Format.csv(r.zScore(n, j))).append(',').append(Format.csv(r.contraction(n, j)))
                        .append(',').append(Format.csv(r.hpdLevel(n))).append(',')
                        .append(Format.csv(r.tarpFraction(n))).append('\n');
            }
        }
        return s.toString();
    }

    /** The summary printed by the command, and the top of check.md. */
    public static String table(CheckReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-9s %9s  %s%n", "check", "p-value", "test"));
        s.append(line("SBC", r.sbc().pValue(), r.sbc().flagged(), r.sbc().test()));
        s.append(line("coverage", r.coverage().pValue(), r.coverage().flagged(), r.coverage().test()
                + " (HPD by " + r.hpdDensity() + ")"));
        s.append(line("TARP", r.tarp().pValue(), r.tarp().flagged(), r.tarp().test()
                + String.format(Locale.ROOT, "; ATC %.3f", r.tarp().atc())));
        s.append(String.format(Locale.ROOT, "expected coverage error %.3f (a calibrated posterior: about %.3f by "
                + "chance)%s%n", r.coverageError(), CoverageError.noise(r.simulations()), r.logScore() == null ? ""
                : String.format(Locale.ROOT, "; held-out log score %.3f nats (higher is sharper)", r.logScore())));
        s.append(r.verdict()).append('\n');
        return s.toString();
    }

    private static String line(String name, double p, boolean flagged, String test) {
        return String.format(Locale.ROOT, "%-9s %9.4f  %s%s%n", name, p, test, flagged ? "  FLAGGED" : "");
    }

    private static String costRow(String what, dev.amortizer.cost.Cost c) {
        return String.format(Locale.ROOT, "| %s | %.3f | %.3f | %d | %d | %d |%n", what, c.wallSeconds(),
                c.cpuSeconds(), c.simulatorCalls(), c.likelihoodEvaluations(), c.forwardPasses());
    }

    static String markdown(CheckReport r) {
        StringBuilder s = new StringBuilder("# Calibration check: " + r.task() + "\n\n");
        s.append("**").append(r.verdict()).append("**\n\n");
        s.append(String.format(Locale.ROOT, "Model `%s` (%s), task %s; %d held-out simulations (%d asked, %d dropped),"
                        + " %d posterior draws each; seed %d; every test at the %.0f%% level. Machine: %s, %d cores"
                        + " (%s), %s.%s Amortizer %s, %s.%n%n", r.model(), r.method(), r.task(), r.simulations(),
                r.requested(), r.dropped(), r.draws(), r.seed(), 100 * CheckReport.LEVEL, r.machine().os(),
                r.machine().cores(), r.machine().cpu(), r.machine().java(), r.machine().computeSentence(),
                r.amortizerVersion(), r.generatedAt()));
        s.append("```\n").append(table(r)).append("```\n\n");
        s.append("## Cost\n\nWall and process CPU time of each block, all threads together.\n\n| work | wall s | CPU s |"
                + " simulator calls | likelihood evaluations | forward passes |\n|---|---:|---:|---:|---:|---:|\n");
        s.append(costRow("held-out simulations", r.simulationCost()));
        s.append(costRow(String.format(Locale.ROOT, "posterior queries (%d × %d draws)", r.simulations() + r.dropped(),
                r.draws()), r.queryCost())).append('\n');
        s.append("## Parameters\n\n| parameter | SBC p | max ECDF dev. | z mean | z sd | z 5% / 50% / 95% | contraction"
                + " mean | contraction 5% / 50% / 95% |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ParameterSummary p : r.parameters()) {
            double[] zq = p.zQuantiles();
            double[] cq = p.contractionQuantiles();
            s.append(String.format(Locale.ROOT, "| %s | %.4f | %.3f | %.3f | %.3f | %.2f / %.2f / %.2f | %.3f |"
                    + " %.3f / %.3f / %.3f |%n", p.name(), p.sbcPValue(), p.maxEcdfDeviation(), p.zMean(), p.zSd(),
                    zq[0], zq[1], zq[2], p.contractionMean(), cq[0], cq[1], cq[2]));
        }
        s.append(String.format(Locale.ROOT, "%nSimultaneous %.0f%% band of the rank ECDF difference: ±%.4f (simulated);"
                + " outside it: %s.%n%n", 100 * (1 - r.sbc().bandAlpha()), r.sbc().bandHalfWidth(),
                r.sbc().outsideBand().isEmpty() ? "none" : String.join(", ", r.sbc().outsideBand())));
        s.append("## Coverage and TARP\n\n| level | HPD coverage | TARP ECP | 95% binomial band |\n|---:|---:|---:|---:|\n");
        for (int k = 0; k < r.coverage().levels().size(); k++) {
            s.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f | %.3f–%.3f |%n", r.coverage().levels().get(k),
                    r.coverage().observed().get(k), r.tarp().observed().get(k), r.coverage().lower().get(k),
                    r.coverage().upper().get(k)));
        }
        s.append("\nPlots: sbc-ecdf, coverage, tarp, z-contraction (.png and .svg); per simulation: check.csv;"
                + " everything: check.json (schema version ").append(r.schemaVersion()).append(").\n");
        return s.toString();
    }
}
