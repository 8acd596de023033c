package dev.amortizer.bench.plan;

import java.util.List;
import java.util.Locale;

/** The recommendation for one query volume, and the plan's verdict in words. */
final class Recommendations {
    private Recommendations() {
    }

    static Plan.Recommendation of(long q, Decision d, List<Decision> ds, Curves point, Double price) {
        String option = d.winner(q);
        double agree = ds.stream().filter(x -> x.winner(q).equals(option)).count() / (double) ds.size();
        Plan.Interval total = Quantiles.interval(total(d, option, q),
                ds.stream().mapToDouble(x -> total(x, option, q)).toArray());
        String setting;
        Double money = null;
        if (option.equals(Decision.AMORTISE)) {
            setting = String.format(Locale.ROOT, "train on %,.0f simulations (F ≈ %.1f s), then %.2f ms per query",
                    d.simulations(), d.fixedSeconds(), 1e3 * d.querySeconds());
            money = price == null ? null : price * d.simulations();
        } else if (option.equals(Decision.NONE)) {
            setting = "no option reaches the target within the range the pilot can speak for";
        } else {
            Curves.DirectCurve c = point.direct().get(option);
            double budget = c.accuracy() == null ? c.certifiedBudget() : Planner.budgetFor(c, d.directCost().get(option));
            setting = String.format(Locale.ROOT, "%.3g %s per query (≈ %.2f ms each)", budget,
                    c.unit().replace('_', ' '), 1e3 * d.directCost().get(option));
            money = price == null ? null : c.unit().equals("simulator_calls") ? price * budget * q : 0.0;
        }
        return new Plan.Recommendation(q, option, setting, total, agree, money);
    }

    /** Total wall seconds of {@code option} for q queries under decision d (+∞ where it cannot reach the target). */
    static double total(Decision d, String option, long q) {
        if (option.equals(Decision.AMORTISE)) {
            return d.amortisedTotal(q);
        }
        Double c = d.directCost().get(option);
        return c == null ? Double.POSITIVE_INFINITY : q * c;
    }

    static String verdict(String task, Measure measure, double target, List<Plan.Recommendation> recs,
                          Plan.AtTarget t) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s at %s%s ≤ %.3f:", task,
                measure == Measure.C2ST ? "" : "the amortiser's ", measure.label(), target));
        for (Plan.Recommendation r : recs) {
            s.append(String.format(Locale.ROOT, " for %,d queries, %s (%s; %.0f%% of bootstrap replicates agree);",
                    r.queries(), r.option(), r.setting(), 100 * r.agreement()));
        }
        Plan.Interval x = t.crossover();
        if (t.cheapestDirect() == null) {
            s.append(measure == Measure.C2ST ? " no direct method reaches the target within the range the pilot can"
                    + " speak for." : " no direct method's diagnostics passed on every pilot query.");
        } else if (x.estimate() == null) {
            s.append(" amortising never beats ").append(t.cheapestDirect()).append(" at this target.");
        } else {
            s.append(String.format(Locale.ROOT, " the choice flips from %s to amortising at about %s queries "
                    + "(90%% interval %s–%s).", t.cheapestDirect(), Plan.count(x.estimate()), Plan.count(x.low()),
                    Plan.count(x.high())));
        }
        return s.toString();
    }
}
