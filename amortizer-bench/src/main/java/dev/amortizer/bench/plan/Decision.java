package dev.amortizer.bench.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The choice one set of curves implies at a target accuracy. The amortiser is trained on the smallest budget its curve
 * says reaches the target (a larger one buys accuracy nobody asked for) and costs F + Q·c_A; a direct method costs
 * Q·c_D with c_D the per-query cost its curve says reaches the target (on a coverage-error target, the cost of its
 * first rung that its diagnostics certify, {@link Certification}). Direct lines all start at zero, so for any Q
 * the cheapest direct method is the one with the smallest c_D, and the choice flips at most once: from it to the
 * amortiser at Q× = F / (c_D − c_A), the break-even at the target. Curves are not trusted beyond
 * {@link #EXTRAPOLATION} times the pilot's largest point: past that an option counts as unreachable.
 *
 * @param simulations  amortiser budget reaching the target (+∞: unreachable within the cap)
 * @param fixedSeconds F at that budget (+∞ when unreachable)
 * @param querySeconds c_A at that budget
 * @param directCost   per method, c_D at the target (+∞: unreachable within the cap)
 */
public record Decision(double simulations, double fixedSeconds, double querySeconds, Map<String, Double> directCost) {
    /** How far beyond the pilot's largest simulation budget or per-query cost a curve is read. */
    public static final double EXTRAPOLATION = 100;
    /** The name of the amortised option in {@link #winner}. */
    public static final String AMORTISE = "amortise";
    /** Winner when no option reaches the target. */
    public static final String NONE = "none";

    /** The decision the curves imply at {@code target} (C2ST: nothing but the target asked). */
    public static Decision at(Curves curves, double target) {
        return at(curves, target, Double.POSITIVE_INFINITY);
    }

    /**
     * The decision at {@code target}; on a coverage-error target the amortiser also trains until a doubling of its
     * simulations raises the held-out log score by less than {@code minLogScoreGain} nats ({@link Sharpness}).
     */
    public static Decision at(Curves curves, double target, double minLogScoreGain) {
        double n = Math.max(curves.accuracy().reach(target), curves.sharpSimulations(minLogScoreGain));
        n = Math.max(Math.ceil(n), curves.smallestSimulations()); // below the pilot's budgets nothing was measured
        if (n > EXTRAPOLATION * curves.largestSimulations()) {
            n = Double.POSITIVE_INFINITY;
        }
        double fixed = Double.isInfinite(n) ? Double.POSITIVE_INFINITY : curves.fixedCost().at(n);
        double query = curves.querySeconds(n);
        Map<String, Double> direct = new LinkedHashMap<>();
        curves.direct().forEach((m, c) -> direct.put(m, directCost(c, target)));
        return new Decision(n, fixed, query, direct);
    }

    /**
     * c_D for a direct method to reach {@code target}; +∞ past the extrapolation cap. Never below the pilot's cheapest
     * rung: where that rung already beats the target, a curve read further down says nothing the pilot measured (on
     * two_moons it priced NUTS at 131 evaluations per query), so the rung's cost is the estimate, an upper bound, as
     * the bench counts a method whose cheapest rung is already as accurate. A cost above the cheapest rung's must also
     * be bought by a budget within the cap: where the pilot's costs did not rise with the budget (timings under load
     * can fall), a rung's cost says nothing about what a larger budget costs, and on two_moons the line priced
     * rejection ABC at 10³⁰ simulations per query for 31 ms. Never above the cheapest rung that already reached the
     * target either: on gaussian_linear, NUTS at 3·10⁴ evaluations had not finished its warm-up (C2ST 0.93, 160 ms
     * per query) and at 1.2·10⁵ had (0.505, 131 ms), a cost falling with accuracy that no curve fits, and the curve
     * alone called NUTS unable to reach 0.53.
     */
    public static double directCost(Curves.DirectCurve c, double target) {
        if (c.accuracy() == null) { // a coverage-error target: the certified rung, whatever the target asks
            return Double.isNaN(c.certifiedCost()) ? Double.POSITIVE_INFINITY : c.certifiedCost();
        }
        return Math.min(curveCost(c, target), c.cheapestRungReaching(target));
    }

    private static double curveCost(Curves.DirectCurve c, double target) {
        double cost = Math.max(c.accuracy().reach(target), c.smallestCost());
        if (cost > EXTRAPOLATION * c.largestCost()) {
            return Double.POSITIVE_INFINITY;
        }
        boolean atCheapestRung = cost == c.smallestCost();
        long largestBudget = java.util.Arrays.stream(c.pilotBudgets()).max().orElse(0);
        return atCheapestRung || Planner.budgetFor(c, cost) <= EXTRAPOLATION * largestBudget ? cost
                : Double.POSITIVE_INFINITY;
    }

    /** Total wall seconds of the amortised option for Q queries. */
    public double amortisedTotal(double queries) {
        return fixedSeconds + queries * querySeconds;
    }

    /** The direct method with the smallest c_D, or null when none reaches the target. */
    public String cheapestDirect() {
        String best = null;
        for (Map.Entry<String, Double> e : directCost.entrySet()) {
            if (Double.isFinite(e.getValue()) && (best == null || e.getValue() < directCost.get(best))) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** The cheapest option for Q queries: {@link #AMORTISE}, a direct method's name, or {@link #NONE}. */
    public String winner(double queries) {
        String direct = cheapestDirect();
        double directTotal = direct == null ? Double.POSITIVE_INFINITY : queries * directCost.get(direct);
        double amortised = amortisedTotal(queries);
        if (Double.isInfinite(directTotal) && Double.isInfinite(amortised)) {
            return NONE;
        }
        return amortised < directTotal ? AMORTISE : direct;
    }

    /** Break-even against {@code method} at the target: F / (c_D − c_A); +∞ ("never") when c_D ≤ c_A. */
    public double breakEven(String method) {
        return breakEven(fixedSeconds, querySeconds, directCost.get(method));
    }

    /** Where the cheapest choice flips from the cheapest direct method to the amortiser (+∞: it never does). */
    public double crossover() {
        String direct = cheapestDirect();
        return direct == null ? (Double.isFinite(fixedSeconds) ? 0 : Double.POSITIVE_INFINITY) : breakEven(direct);
    }

    /** N* = F / (c_D − c_A), +∞ where the gap is not positive or any cost is unreachable. */
    public static double breakEven(double fixed, double amortised, double direct) {
        double gap = direct - amortised;
        if (!Double.isFinite(fixed) || !(gap > 0) || Double.isInfinite(direct)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, Math.ceil(fixed / gap));
    }
}
