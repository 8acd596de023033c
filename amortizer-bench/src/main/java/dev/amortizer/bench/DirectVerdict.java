package dev.amortizer.bench;

import java.util.List;

/**
 * How one direct method compares with one amortised contender.
 *
 * @param method            the direct method's name
 * @param unit              the unit of its budgets
 * @param profile           its anytime profile (mean C2ST and median cost per budget)
 * @param targetC2st        the contender's mean C2ST, the accuracy to match (NaN when unscored)
 * @param matchedCost       c_D at the target accuracy (a bound when not reached within the ladder); null when the
 *                          answers were not scored, so no accuracy could be matched
 * @param matched           N* at matched accuracy; null when unscored
 * @param matchedInterval   95% bootstrap interval of N* over the queries ({@code Infinity} for "never"); null when
 *                          unscored
 * @param defaultBudget     the method's default budget (the last rung of its ladder)
 * @param defaultPoint      its accuracy and cost at that budget
 * @param atDefault         N* against the method at its default budget (accuracies not matched)
 * @param atDefaultInterval 95% bootstrap interval of that N*
 */
public record DirectVerdict(String method, String unit, List<ProfilePoint> profile, double targetC2st,
                            CostAtAccuracy matchedCost, BreakEven matched, double[] matchedInterval,
                            long defaultBudget, ProfilePoint defaultPoint, BreakEven atDefault,
                            double[] atDefaultInterval) {
    /** Label of N* where accuracy could not be matched. */
    public static final String NOT_MATCHED = "not matched";

    /** Whether accuracy was matched at all (false when the answers were not scored). */
    public boolean matchedAccuracy() {
        return matched != null;
    }

    /** Whether the method reached the target accuracy within its ladder (false when nothing was matched). */
    public boolean reachedTarget() {
        return matchedCost != null && matchedCost.status() != CostAtAccuracy.Status.AT_LEAST;
    }

    /** "412 [300–600]", or "not matched". */
    public String matchedLabel() {
        return matched == null ? NOT_MATCHED : matched.label() + " [" + Intervals.format(matchedInterval[0]) + "–"
                + Intervals.format(matchedInterval[1]) + "]";
    }

    /** The method's best mean C2ST over its ladder. */
    public double bestC2st() {
        return profile.stream().mapToDouble(ProfilePoint::meanC2st).min().orElse(1.0);
    }
}
