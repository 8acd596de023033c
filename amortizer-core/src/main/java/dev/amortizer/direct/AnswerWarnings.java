package dev.amortizer.direct;

import dev.amortizer.diagnostics.convergence.ConvergenceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an answer's diagnostics say a user must know, in words: {@link #warnings} where the answer may be wrong or
 * poor, {@link #notes} where a number looks alarming but is not. One reading for every caller (CLI, reports, tests).
 *
 * <p>Warnings: the warm-up did not finish ({@code warmup_complete} 0); fewer than half the rows are distinct
 * ({@code distinct_rows} / {@code rows}); within-mode R̂ above 1.01 or the weighted bulk or tail ESS below 400
 * ({@link ConvergenceSummary}); divergences with a finite energy error; chains in several modes pooled without
 * weights. Note: divergences at zero density (a hard edge of the posterior), which Stan counts but which leave
 * nothing unexplored, since beyond the edge there is no mass.
 *
 * <p>{@code AnswerWarnings.warnings(answer.diagnostics()).forEach(w -> System.err.println("warning: " + w));}
 */
public final class AnswerWarnings {
    /** Fewer distinct rows than this share of the rows: the answer repeats draws heavily. */
    public static final double MIN_DISTINCT_SHARE = 0.5;

    private AnswerWarnings() {
    }

    public static List<String> warnings(Map<String, Double> d) {
        List<String> out = new ArrayList<>();
        if (d.getOrDefault("warmup_complete", 1.0) == 0) {
            out.add("the warm-up did not finish within the budget: the draws are the latter half of the warm-up, from"
                    + " a sampler still being tuned; raise the budget");
        }
        double rows = d.getOrDefault("rows", Double.NaN);
        double distinct = d.getOrDefault("distinct_rows", Double.NaN);
        if (distinct < MIN_DISTINCT_SHARE * rows) {
            out.add(String.format(Locale.ROOT, "only %.0f of the %.0f rows are distinct draws: the run made too few"
                    + " draws (%.0f) and rows repeat; raise the budget or ask for fewer rows", distinct, rows,
                    d.getOrDefault("draws", Double.NaN)));
        }
        if (d.containsKey("rhat")) {
            double modes = d.getOrDefault("modes", 1.0);
            for (String w : new ConvergenceSummary(d.get("rhat"), d.getOrDefault("ess_bulk", Double.NaN),
                    d.getOrDefault("ess_tail", Double.NaN)).warnings()) {
                out.add(modes > 1 ? w + " (within the " + (long) modes + " modes the chains found)" : w);
            }
        }
        long energy = (long) (d.getOrDefault("divergences", 0.0) - d.getOrDefault("divergences_at_zero_density", 0.0));
        if (energy > 0) {
            out.add(energy + " divergent transitions after warm-up with a finite energy error above 1000: the sampler"
                    + " may miss regions of high curvature; the answer may be biased");
        }
        if (d.getOrDefault("modes", 1.0) > 1 && d.getOrDefault("mass_weighted", 1.0) == 0) {
            out.add(String.format(Locale.ROOT, "the chains sit in %.0f separate modes and are pooled without weighing"
                    + " them by mass: each mode's share is set by where its chains started", d.get("modes")));
        }
        return out;
    }

    public static List<String> notes(Map<String, Double> d) {
        List<String> out = new ArrayList<>();
        long edge = (long) (double) d.getOrDefault("divergences_at_zero_density", 0.0);
        if (edge > 0) {
            double draws = d.getOrDefault("draws", Double.NaN);
            out.add(String.format(Locale.ROOT, "%d of %.0f transitions after warm-up (%.1f %%) ran into a region of zero"
                    + " posterior density (a hard edge): Stan counts these as divergent; no mass lies beyond the"
                    + " edge, so they are not a sign of bias", edge, draws, 100 * edge / draws));
        }
        if (d.getOrDefault("modes", 1.0) > 1 && d.getOrDefault("mass_weighted", 0.0) == 1) {
            out.add(String.format(Locale.ROOT, "the chains found %.0f separate modes and were weighed by the mass of"
                    + " each (smallest mode weight %.3f): R-hat over all chains (%.3f) is not a convergence check here;"
                    + " R-hat and ESS are within modes", d.get("modes"), d.getOrDefault("min_mode_weight", Double.NaN),
                    d.getOrDefault("rhat_all_chains", Double.NaN)));
        }
        return out;
    }
}
