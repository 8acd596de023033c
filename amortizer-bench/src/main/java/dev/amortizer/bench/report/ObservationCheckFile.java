package dev.amortizer.bench.report;

import dev.amortizer.data.AtomicFiles;
import dev.amortizer.diagnostics.observation.ImportanceCheck.Importance;
import dev.amortizer.diagnostics.observation.ObservationReport;
import dev.amortizer.diagnostics.observation.Predictive;
import dev.amortizer.diagnostics.observation.Typicality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-observation checks of {@code amortizer sample --check} as text for standard error and as one JSON file:
 * which model, task, observation and seed, each check's numbers, the verdict, the warnings and the cost.
 *
 * <p>{@code ObservationCheckFile.of(report, "two_moons", "tm.zip", "1", 1, dataNames).text()}
 */
public record ObservationCheckFile(String task, String model, String observation, long seed, Typicality typicality,
                                   Double paretoK, Double effectiveSampleSize, Integer importanceDraws,
                                   Double predictivePValue, int predictiveSimulations, int predictiveDropped,
                                   List<Coordinate> coordinates, boolean trustworthy, List<String> warnings,
                                   long simulations, double wallSeconds) {
    /** One data coordinate in the posterior predictive: its name, x_o's quantile and two-sided p-value. */
    public record Coordinate(String name, double value, double quantile, double pValue) {
    }

    public ObservationCheckFile {
        coordinates = List.copyOf(coordinates);
        warnings = List.copyOf(warnings);
    }

    /** The report of one observation x of a task whose data columns are {@code dataNames}. */
    public static ObservationCheckFile of(ObservationReport r, String task, String model, String observation, long seed,
                                          List<String> dataNames, double[] x) {
        Predictive p = r.predictive().orElse(null);
        List<Coordinate> coordinates = new ArrayList<>();
        if (p != null) {
            double[] q = p.quantiles();
            double[] pv = p.pValues();
            for (int i = 0; i < q.length; i++) {
                coordinates.add(new Coordinate(dataNames.get(i), x[i], q[i], pv[i]));
            }
        }
        Importance imp = r.importance().orElse(null);
        return new ObservationCheckFile(task, model, observation, seed, r.typicality(),
                imp == null ? null : imp.paretoK(), imp == null ? null : imp.effectiveSampleSize(),
                imp == null ? null : imp.draws(), p == null ? null : p.overallPValue(),
                p == null ? 0 : p.simulations(), p == null ? 0 : p.dropped(), coordinates, r.trustworthy(),
                r.warnings(), r.simulations(), r.wallSeconds());
    }

    /** Writes the JSON file atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> ReportWriter.JSON.writeValue(out, this));
    }

    /** A few lines for a person: one per check, then the verdict and any warnings. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "checks of %s on %s, observation %s (seed %d):%n", model, task,
                observation, seed));
        s.append(String.format(Locale.ROOT, "  typicality       MMD² %.4g, p-value %.3g (%s at level %.3g)%n",
                typicality.mmdSquared(), typicality.pValue(), typicality.atypical() ? "ATYPICAL" : "typical",
                typicality.alpha()));
        if (paretoK == null) {
            s.append("  Pareto-k         not computed (needs the model's own density and the task's likelihood)\n");
        } else {
            s.append(String.format(Locale.ROOT, "  Pareto-k         %.2f over %d weighed draws, effective sample size"
                    + " %.0f%n", paretoK, importanceDraws, effectiveSampleSize));
        }
        if (predictivePValue == null) {
            s.append("  predictive       not computed (no posterior draws for this observation)\n");
        } else {
            s.append(String.format(Locale.ROOT, "  predictive       p-value %.3g over %d simulations from the"
                    + " posterior%n", predictivePValue, predictiveSimulations));
        }
        for (Coordinate c : coordinates.subList(0, Math.min(10, coordinates.size()))) {
            s.append(String.format(Locale.ROOT, "    %-14s %11.4g at predictive quantile %.3f, p-value %.3g%n",
                    c.name(), c.value(), c.quantile(), c.pValue()));
        }
        if (coordinates.size() > 10) {
            s.append("    (").append(coordinates.size() - 10).append(" more coordinates in the JSON report)\n");
        }
        s.append(String.format(Locale.ROOT, "  verdict          %s (%,d simulations, %.2f s)%n",
                trustworthy ? "trustworthy" : "NOT trustworthy", simulations, wallSeconds));
        for (String w : warnings) {
            s.append("  warning: ").append(w).append('\n');
        }
        return s.toString();
    }
}
