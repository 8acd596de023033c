package dev.amortizer.bench.plan;

/**
 * The anytime stopping rule for a direct method, driven by its pilot curves: walk up its ladder (the pilot's rungs,
 * then on at the pilot's last ratio up to {@link Decision#EXTRAPOLATION} times its largest budget) and stop refining
 * at the first rung whose next rung would improve the expected C2ST by less than {@code minGainPerSecond} per extra
 * second of query, or as soon as the target is reached. On a coverage-error target a method has no accuracy curve;
 * the rule is then its own convergence diagnostics ({@link Certification}).
 *
 * @param method     the direct method
 * @param budget     the rung to stop at, in the method's unit
 * @param c2st       expected C2ST there; null on a coverage-error target
 * @param seconds    expected per-query wall seconds there
 * @param reason     why it stops there, in words
 */
public record AnytimeStop(String method, long budget, Double c2st, double seconds, String reason) {
    /** The stopping rung of {@code method} under the rule. */
    public static AnytimeStop of(String method, Curves.DirectCurve curve, double target, double minGainPerSecond) {
        long[] pilot = curve.pilotBudgets();
        if (curve.accuracy() == null) {
            return certified(method, curve);
        }
        double ratio = pilot.length > 1 ? (double) pilot[pilot.length - 1] / pilot[pilot.length - 2] : 10;
        double last = Decision.EXTRAPOLATION * pilot[pilot.length - 1];
        long budget = pilot[0];
        int i = 0;
        while (true) {
            double seconds = curve.cost().at(budget);
            double c2st = curve.accuracy().at(seconds);
            if (c2st <= target) {
                return new AnytimeStop(method, budget, c2st, seconds, String.format(java.util.Locale.ROOT,
                        "target C2ST %.3f reached", target));
            }
            long next = ++i < pilot.length ? pilot[i] : (long) Math.ceil(budget * ratio);
            if (next > last) {
                return new AnytimeStop(method, budget, c2st, seconds, "end of the ladder the pilot can speak for ("
                        + (long) last + ", 100× its largest rung), target not reached");
            }
            double nextSeconds = curve.cost().at(next);
            double gain = (c2st - curve.accuracy().at(nextSeconds)) / Math.max(nextSeconds - seconds, 1e-9);
            if (gain < minGainPerSecond) {
                return new AnytimeStop(method, budget, c2st, seconds, String.format(java.util.Locale.ROOT,
                        "the next rung (%d) would gain %.3g C2ST per second, below %.3g", next, gain,
                        minGainPerSecond));
            }
            budget = next;
        }
    }

    /**
     * On a coverage-error target the rule is the method's own diagnostics: refine until they pass. The pilot says at
     * which rung they passed on every query.
     */
    private static AnytimeStop certified(String method, Curves.DirectCurve curve) {
        long[] pilot = curve.pilotBudgets();
        if (curve.certifiedBudget() > 0) {
            return new AnytimeStop(method, curve.certifiedBudget(), null, curve.certifiedCost(), "refine until the "
                    + "answer's own diagnostics pass (R-hat <= 1.01, ESS >= 400, no warnings); on every pilot query "
                    + "they passed here");
        }
        long last = pilot[pilot.length - 1];
        return new AnytimeStop(method, last, null, curve.cost().at(last), "refine until the answer's own diagnostics "
                + "pass; they failed on some pilot query at every rung up to here, so its cost at the target is unknown");
    }
}
