package dev.amortizer.bench.report;

import dev.amortizer.bench.plan.AnytimeStop;
import dev.amortizer.bench.plan.Measure;
import dev.amortizer.bench.plan.Plan;
import dev.amortizer.diagnostics.C2stOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** The plan's tables, built once and rendered as Markdown (plan.md) or HTML (plan.html). */
final class PlanTables {
    /** A titled table of text cells. */
    record Table(String title, List<String> header, List<List<String>> rows) {
        String markdown() {
            StringBuilder s = new StringBuilder("## ").append(title).append("\n\n| ")
                    .append(String.join(" | ", header)).append(" |\n|");
            header.forEach(h -> s.append("---|"));
            s.append('\n');
            rows.forEach(r -> s.append("| ").append(String.join(" | ", r)).append(" |\n"));
            return s.append('\n').toString();
        }

        String html() {
            StringBuilder s = new StringBuilder("<h2>").append(HtmlPage.esc(title)).append("</h2>\n<table>\n<tr>");
            header.forEach(h -> s.append("<th>").append(HtmlPage.esc(h)).append("</th>"));
            s.append("</tr>\n");
            for (List<String> r : rows) {
                s.append("<tr>");
                r.forEach(c -> s.append("<td>").append(HtmlPage.esc(c)).append("</td>"));
                s.append("</tr>\n");
            }
            return s.append("</table>\n").toString();
        }
    }

    private PlanTables() {
    }

    static List<Table> of(Plan p) {
        List<Table> out = new ArrayList<>();
        List<List<String>> recs = new ArrayList<>();
        for (Plan.Recommendation r : p.recommendations()) {
            recs.add(List.of(String.format(Locale.ROOT, "%,d", r.queries()), r.option(), r.setting(),
                    interval(r.totalSeconds(), PlanTables::seconds), String.format(Locale.ROOT, "%.0f%%",
                            100 * r.agreement()), r.money() == null ? "–" : String.format(Locale.ROOT, "%.4g",
                            r.money())));
        }
        boolean c2st = p.measure() == Measure.C2ST;
        String label = p.measure().label();
        out.add(new Table("Recommendation at " + label + " ≤ " + String.format(Locale.ROOT, "%.3f", p.target()),
                List.of("queries Q", "cheapest option", "setting", "total wall s [90%]", "replicates agreeing",
                        "simulation money"), recs));
        Plan.AtTarget t = p.atTarget();
        List<List<String>> target = new ArrayList<>();
        target.add(List.of("amortise (" + p.pilot().amortiser() + ")", "simulations " + interval(t.simulations(),
                PlanTables::whole), "F " + interval(t.fixedSeconds(), PlanTables::seconds) + " s, c_A "
                + interval(t.querySeconds(), PlanTables::ms) + " ms", "–"));
        t.directSeconds().forEach((m, c) -> target.add(List.of(m, "budget " + whole(t.directBudget().get(m)),
                "c_D " + interval(c, PlanTables::ms) + " ms", interval(t.breakEven().get(m), PlanTables::whole))));
        out.add(new Table("What reaching the target takes (flip to amortising at Q× "
                + interval(t.crossover(), PlanTables::whole) + ")",
                List.of("option", "budget", "cost", "N* against it [90%]"), target));
        List<List<String>> pred = new ArrayList<>();
        for (Plan.AtBudget b : p.predictions()) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", b.simulations()),
                    interval(b.accuracy(), v -> String.format(Locale.ROOT, "%.3f", v)),
                    interval(b.fixedSeconds(), PlanTables::seconds), interval(b.fixedCpuSeconds(), PlanTables::seconds),
                    interval(b.querySeconds(), PlanTables::ms)));
            b.breakEven().forEach((m, n) -> row.add(m + " " + interval(n, PlanTables::whole)));
            pred.add(row);
        }
        out.add(new Table("Predictions for the amortiser [90% intervals]; N* " + (c2st ? "at matched accuracy as "
                + "the bench defines it" : "against each direct method at its certified rung"), List.of("simulations", c2st ? "mean C2ST" : label, "F (wall s)", "F (CPU s)", "c_A (ms)",
                "N* per direct method"), pred));
        List<List<String>> stops = new ArrayList<>();
        for (AnytimeStop s : p.anytime()) {
            stops.add(List.of(s.method(), String.format(Locale.ROOT, "%,d", s.budget()),
                    number(s.c2st()), ms(s.seconds()), s.reason()));
        }
        out.add(new Table(c2st ? String.format(Locale.ROOT, "Anytime stopping rule: stop refining a query when the "
                + "next rung gains less than %.3g C2ST per second", p.minGainPerSecond())
                : "Anytime stopping rule: stop refining a query when its own diagnostics pass",
                List.of("method", "stop at budget", "expected C2ST", "ms per query", "why"), stops));
        List<List<String>> pilot = new ArrayList<>();
        int k = p.pilot().observations().size();
        p.pilot().points().forEach(a -> pilot.add(List.of(p.pilot().amortiser(), String.format(Locale.ROOT, "%,d",
                a.simulations()), c2st ? number(a.meanC2st()) : String.format(Locale.ROOT, "%s (contraction %s, log "
                + "score %s)", number(a.coverageError()), number(a.contraction()), number(a.logScore())),
                ms(a.medianQuerySeconds()),
                seconds(a.fixedSeconds()))));
        p.pilot().rungs().forEach(d -> pilot.add(List.of(d.method(), String.format(Locale.ROOT, "%,d %s", d.budget(),
                d.unit().replace('_', ' ')), c2st ? number(d.meanC2st()) : d.certified() + " of " + k + " certified",
                ms(d.medianQuerySeconds()), "0")));
        out.add(new Table("Pilot (" + k + " observations, " + seconds(p.pilot().wallSeconds()) + " s wall"
                + (c2st ? "" : "; coverage error on " + p.heldOut() + " held-out simulations") + ")",
                List.of("option", "budget", c2st ? "mean C2ST" : "accuracy", "median ms per query", "F (wall s)"),
                pilot));
        List<List<String>> compute = new ArrayList<>();
        p.pilot().pieces().forEach(c -> compute.add(List.of(c.name(), seconds(c.wallSeconds()),
                seconds(c.cpuSeconds()), String.valueOf(c.c2sts()))));
        compute.add(List.of("whole pilot", seconds(p.pilot().wallSeconds()), seconds(p.pilot().cpuSeconds()),
                String.valueOf(p.pilot().pieces().stream().mapToInt(c -> c.c2sts()).sum())));
        out.add(new Table(String.format(Locale.ROOT, "Pilot compute (wall cap %s s; each C2ST scored on %d of sbibm's"
                + " %d folds)", seconds(p.pilot().capSeconds()), p.pilot().c2stFolds(), C2stOptions.defaults().folds()),
                List.of("piece", "wall s", "CPU s",
                "C2STs"), compute));
        return out;
    }

    private static String interval(Plan.Interval i, DoubleFunction<String> f) {
        return text(i.estimate(), f) + " [" + text(i.low(), f) + "–" + text(i.high(), f) + "]";
    }

    private static String text(Double v, DoubleFunction<String> f) {
        return v == null ? "∞" : f.apply(v);
    }

    private static String number(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String whole(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String whole(Double v) {
        return v == null ? "∞" : whole(v.doubleValue());
    }

    private static String seconds(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", 1e3 * v);
    }
}
