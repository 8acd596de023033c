package dev.amortizer.bench;

import dev.amortizer.cost.Cost;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One query's outcome: observation {@code observation} answered with some accuracy at some cost.
 *
 * @param observation the observation's number (1-based)
 * @param c2st        C2ST of the answer against the reference posterior
 * @param cost        what the query cost (phase QUERY), in every unit
 * @param diagnostics the answer's own diagnostics (R-hat, ESS, Pareto-k̂ ...), empty where it has none
 */
public record QueryMeasurement(int observation, double c2st, Cost cost, Map<String, Double> diagnostics) {
    public QueryMeasurement {
        diagnostics = diagnostics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** A measurement without diagnostics. */
    public QueryMeasurement(int observation, double c2st, Cost cost) {
        this(observation, c2st, cost, Map.of());
    }
}
