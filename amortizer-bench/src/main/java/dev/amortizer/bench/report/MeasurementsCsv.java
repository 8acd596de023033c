package dev.amortizer.bench.report;

import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.QueryMeasurement;
import dev.amortizer.cost.Cost;
import java.util.List;
import java.util.Map;

/**
 * {@code measurements.csv}: every measurement of a run, one row each, in every unit. Rows of kind {@code fixed} are
 * an amortiser's up-front phases (one per phase); {@code amortised}, {@code hybrid} and {@code direct} rows are one
 * query each, {@code budget} being the direct method's budget or the hybrid's proposal draws.
 */
final class MeasurementsCsv {
    static final List<String> COLUMNS = List.of("task", "name", "kind", "simulations", "budget", "observation", "phase",
            "c2st", "wall_seconds", "cpu_seconds", "simulator_calls", "likelihood_evaluations", "gradient_evaluations",
            "forward_passes", "peak_rss_bytes", "money", "pareto_k", "ess");

    private MeasurementsCsv() {
    }

    static String of(BenchReport r) {
        StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        Double price = r.config().pricePerSimulatorCall();
        String task = r.task().name();
        for (BenchReport.Contender c : r.contenders()) {
            if (c.kind().equals(BenchReport.Contender.AMORTISED)) {
                for (Map.Entry<String, Cost> e : c.fixedCostByPhase().entrySet()) {
                    row(s, task, c.amortiser() + "@" + Format.count(c.simulations()), "fixed", c.simulations(), null,
                            null, e.getKey(), Double.NaN, e.getValue(), price, Map.of());
                }
            }
            for (QueryMeasurement q : c.queries()) {
                row(s, task, c.name(), c.kind(), c.simulations(), c.proposalDraws(), q.observation(), "query", q.c2st(),
                        q.cost(), price, q.diagnostics());
            }
        }
        for (BenchReport.DirectResult d : r.direct()) {
            d.measurements().forEach((budget, list) -> list.forEach(q -> row(s, task, d.method(), "direct", null, budget,
                    q.observation(), "query", q.c2st(), q.cost(), price, q.diagnostics())));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String task, String name, String kind, Integer simulations, Long budget,
                            Integer observation, String phase, double c2st, Cost c, Double price,
                            Map<String, Double> diagnostics) {
        s.append(task).append(',').append(name).append(',').append(kind).append(',')
                .append(simulations == null ? "" : simulations).append(',').append(budget == null ? "" : budget)
                .append(',').append(observation == null ? "" : observation).append(',').append(phase).append(',')
                .append(Double.isNaN(c2st) ? "" : Double.toString(c2st)).append(',')
                .append(c.wallSeconds()).append(',').append(c.cpuSeconds()).append(',').append(c.simulatorCalls())
                .append(',').append(c.likelihoodEvaluations()).append(',').append(c.gradientEvaluations()).append(',')
                .append(c.forwardPasses()).append(',').append(c.peakRssBytes()).append(',')
                .append(price == null ? "" : Double.toString(price * c.simulatorCalls())).append(',')
                .append(Format.csv(diagnostics.get("pareto_k"))).append(',').append(Format.csv(diagnostics.get("ess")))
                .append('\n');
    }
}
