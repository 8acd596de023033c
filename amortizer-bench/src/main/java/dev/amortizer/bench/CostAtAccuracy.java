package dev.amortizer.bench;

import java.util.List;

/**
 * The per-query cost c_D(a) for a direct method to reach C2ST ≤ a, read off its anytime
 * profile: the first rung at or below a, interpolated linearly in log cost from the rung
 * before it.
 *
 * @param wallSeconds the cost (a bound when {@code status} is not {@link Status#REACHED})
 * @param status      how to read the number
 */
public record CostAtAccuracy(double wallSeconds, Status status) {
    /** How a cost read off a profile should be read. */
    public enum Status {
        /** The profile crosses the target: the cost is interpolated. */
        REACHED,
        /** Even the smallest budget is accurate enough: the true cost is at most this. */
        AT_MOST,
        /** No budget reached the target: the true cost is at least this (the largest budget's). */
        AT_LEAST
    }

    /** Reads c_D(target) off {@code profile} (rungs in increasing budget order). */
    public static CostAtAccuracy read(List<ProfilePoint> profile, double target) {
        if (profile.isEmpty()) {
            throw new IllegalArgumentException("an anytime profile needs at least one rung");
        }
        for (int i = 0; i < profile.size(); i++) {
            ProfilePoint p = profile.get(i);
            if (p.meanC2st() <= target) {
                if (i == 0) {
                    return new CostAtAccuracy(p.medianWallSeconds(), Status.AT_MOST);
                }
                ProfilePoint q = profile.get(i - 1);
                double f = (q.meanC2st() - target) / (q.meanC2st() - p.meanC2st());
                double logCost = Math.log(q.medianWallSeconds())
                        + f * (Math.log(p.medianWallSeconds()) - Math.log(q.medianWallSeconds()));
                return new CostAtAccuracy(Math.exp(logCost), Status.REACHED);
            }
        }
        return new CostAtAccuracy(profile.get(profile.size() - 1).medianWallSeconds(), Status.AT_LEAST);
    }
}
