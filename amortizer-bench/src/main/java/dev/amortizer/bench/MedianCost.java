package dev.amortizer.bench;

import dev.amortizer.cost.Cost;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of each cost unit over a set of queries, separately (so the units need not come from one query). */
public final class MedianCost {
    private MedianCost() {
    }

    public static Cost of(List<QueryMeasurement> queries) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("the median cost of no queries is undefined");
        }
        return new Cost(median(queries, Cost::wallSeconds), median(queries, Cost::cpuSeconds),
                Math.round(median(queries, Cost::simulatorCalls)), Math.round(median(queries, Cost::likelihoodEvaluations)),
                Math.round(median(queries, Cost::gradientEvaluations)), Math.round(median(queries, Cost::forwardPasses)),
                Math.round(median(queries, Cost::peakRssBytes)));
    }

    private static double median(List<QueryMeasurement> queries, ToDoubleFunction<Cost> unit) {
        return Stats.median(queries.stream().mapToDouble(q -> unit.applyAsDouble(q.cost())).toArray());
    }
}
