package dev.amortizer.bench;

/**
 * One rung of a direct method's anytime profile, aggregated over the queries.
 *
 * @param budget             the budget in the method's unit
 * @param meanC2st           mean C2ST over the queries
 * @param medianWallSeconds  median per-query wall seconds to reach this budget
 */
public record ProfilePoint(long budget, double meanC2st, double medianWallSeconds) {
}
