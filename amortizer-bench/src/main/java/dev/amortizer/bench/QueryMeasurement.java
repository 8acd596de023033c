package dev.amortizer.bench;

import dev.amortizer.cost.Cost;

/**
 * One query's outcome: observation {@code observation} answered with some accuracy at some cost.
 *
 * @param observation the observation's number (1-based)
 * @param c2st        C2ST of the answer against the reference posterior
 * @param cost        what the query cost (phase QUERY)
 */
public record QueryMeasurement(int observation, double c2st, Cost cost) {
}
