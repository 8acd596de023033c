package dev.amortizer.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one-line verdict of a contender against the strongest direct method: among the methods that reached its
 * accuracy, the cheapest there; if none did, the most accurate one. Bounds are said as bounds ("at most", "at
 * least"), and "never" and "undetermined" in words.
 */
public final class Headline {
    private Headline() {
    }

    /** The strongest direct method in {@code versus}, if any ran. */
    public static Optional<DirectVerdict> strongest(List<DirectVerdict> versus) {
        Comparator<DirectVerdict> reachedFirst = Comparator.comparing(v -> !v.reachedTarget());
        return versus.stream().min(reachedFirst.thenComparingDouble(v -> v.reachedTarget()
                ? v.matchedCost().wallSeconds() : v.bestC2st()));
    }

    /** The label of every N* of a run that could not match accuracy, with {@code why} (e.g. no reference). */
    public static String atDefaultOnly(String why) {
        return "N* at the direct method's default budget; accuracy not matched: " + why;
    }

    /**
     * The verdict line of a contender whose answers could not be scored: N* against the direct method at its
     * default budget, labelled as such, against the one cheapest there (the hardest to beat: the largest, most
     * cautious N*).
     *
     * @param why why nothing was scored, e.g. "the task has no likelihood and no reference"
     */
    public static String unmatched(String contender, double fixed, double perQuery, List<DirectVerdict> versus,
                                   String why) {
        Optional<DirectVerdict> cheapest = versus.stream()
                .min(Comparator.comparingDouble(v -> v.defaultPoint().medianWallSeconds()));
        if (cheapest.isEmpty()) {
            return String.format("%s: no direct method ran on this task, so there is nothing to break even against "
                    + "(F = %.1f s, c_A = %.2f ms; %s).", contender, fixed, 1e3 * perQuery, atDefaultOnly(why));
        }
        DirectVerdict v = cheapest.get();
        String costs = String.format("F = %.1f s, c_A = %.2f ms, c_D = %.2f ms at %,d %s", fixed, 1e3 * perQuery,
                1e3 * v.defaultPoint().medianWallSeconds(), v.defaultBudget(), v.unit().replace('_', ' '));
        String interval = String.format("95%% interval %s–%s", Intervals.format(v.atDefaultInterval()[0]),
                Intervals.format(v.atDefaultInterval()[1]));
        BreakEven n = v.atDefault();
        String what = switch (n.status()) {
            case NEVER, UNDETERMINED -> String.format("%s never pays off against %s", contender, v.method());
            default -> String.format("%s pays off after N* = %s queries (%s) against %s", contender, n.label(),
                    interval, v.method());
        };
        return String.format("%s (%s). %s; the answers were timed, not scored (no C2ST).", what, costs,
                atDefaultOnly(why));
    }

    /**
     * The verdict line.
     *
     * @param contender its name, e.g. "npe-mdn@10k"
     * @param fixed     F in wall seconds
     * @param perQuery  c_A in wall seconds
     */
    public static String of(String contender, double fixed, double perQuery, List<DirectVerdict> versus) {
        Optional<DirectVerdict> strongest = strongest(versus);
        if (strongest.isEmpty()) {
            return String.format("%s: no direct method ran on this task, so there is nothing to break even against "
                    + "(F = %.1f s, c_A = %.2f ms).", contender, fixed, 1e3 * perQuery);
        }
        DirectVerdict best = strongest.get();
        if (!best.matchedAccuracy()) {
            return unmatched(contender, fixed, perQuery, versus, "the answers were not scored");
        }
        String costs = String.format("F = %.1f s, c_A = %.2f ms, c_D %s %.2f ms", fixed, 1e3 * perQuery,
                best.reachedTarget() ? (best.matchedCost().status() == CostAtAccuracy.Status.AT_MOST ? "≤" : "=") : "≥",
                1e3 * best.matchedCost().wallSeconds());
        String interval = String.format("95%% interval %s–%s", Intervals.format(best.matchedInterval()[0]),
                Intervals.format(best.matchedInterval()[1]));
        BreakEven n = best.matched();
        return switch (n.status()) {
            case NEVER -> String.format("%s never pays off against %s at matched accuracy (C2ST %.3f): %s is at least "
                    + "as cheap per query (%s).", contender, best.method(), best.targetC2st(), best.method(), costs);
            case UNDETERMINED -> String.format("Undetermined for %s against %s: it never reached C2ST %.3f within its "
                    + "budgets, whose cost stayed below c_A (%s).", contender, best.method(), best.targetC2st(), costs);
            case AT_MOST -> String.format("%s pays off after at most N* = %d queries (%s) against %s, which never "
                    + "reached its accuracy (C2ST %.3f; its best mean C2ST was %.3f) within its largest budget (%s).",
                    contender, n.queries(), interval, best.method(), best.targetC2st(), best.bestC2st(), costs);
            case AT_LEAST -> String.format("%s pays off after at least N* = %d queries (%s) against %s at matched "
                    + "accuracy (C2ST %.3f; %s).", contender, n.queries(), interval, best.method(), best.targetC2st(),
                    costs);
            case FINITE -> String.format("%s pays off after N* = %d queries (%s) against %s at matched accuracy "
                    + "(C2ST %.3f; %s).", contender, n.queries(), interval, best.method(), best.targetC2st(), costs);
        };
    }
}
