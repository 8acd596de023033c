package dev.amortizer.bench;

import java.util.List;

/**
 * How one direct method compares with the amortiser.
 *
 * @param method           the direct method's name
 * @param unit             the unit of its budgets
 * @param profile          its anytime profile (mean C2ST and median cost per budget)
 * @param targetC2st       the amortiser's mean C2ST, the accuracy to match
 * @param matchedCost      c_D at the target accuracy
 * @param matched          N* at matched accuracy
 * @param matchedInterval  95% bootstrap interval of N* over the queries ({@code Infinity} for "never")
 * @param defaultBudget    the method's default budget
 * @param defaultPoint     its accuracy and cost at that budget
 * @param atDefault        N* against the method at its default budget (accuracies not matched)
 */
public record DirectVerdict(String method, String unit, List<ProfilePoint> profile, double targetC2st,
                            CostAtAccuracy matchedCost, BreakEven matched, double[] matchedInterval,
                            long defaultBudget, ProfilePoint defaultPoint, BreakEven atDefault) {
}
