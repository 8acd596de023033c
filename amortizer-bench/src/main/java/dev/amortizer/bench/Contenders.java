package dev.amortizer.bench;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link BenchReport.Contender}: its fixed cost, its queries, and its break-even against every direct method. */
final class Contenders {
    private Contenders() {
    }

    /** "npe-mdn@10k", or with the hybrid's proposal draws "npe-mdn@10k+is(10k)". */
    static String name(String amortiser, int simulations, Long proposalDraws) {
        return amortiser + "@" + ShortCount.of(simulations) + (proposalDraws == null ? "" : "+is(" + ShortCount.of(proposalDraws) + ")");
    }

    /** "npe@10k+escalate": the amortiser escalating per query. */
    static String escalatedName(String amortiser, int simulations) {
        return name(amortiser, simulations, null) + "+escalate";
    }

    /** @param unscored null when the answers were scored; else why not (its verdict is then at defaults only) */
    static BenchReport.Contender of(String amortiser, String kind, int simulations, Long proposalDraws,
                                    CostLedger fixed, List<QueryMeasurement> queries,
                                    List<BenchReport.DirectResult> direct, BenchConfig config, Rng bootstrapRng,
                                    Map<String, Long> simulationFailures, String unscored) {
        Map<String, Cost> byPhase = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            if (p.isFixed()) {
                byPhase.put(p.label(), fixed.get(p));
            }
        }
        double f = fixed.fixed().wallSeconds();
        BreakEvenAnalysis analysis = new BreakEvenAnalysis(f, queries, config.replicates());
        List<DirectVerdict> versus = new ArrayList<>();
        for (BenchReport.DirectResult d : direct) {
            versus.add(analysis.compare(d.method(), d.unit(), d.measurements(), d.defaultBudget(), bootstrapRng.split()));
        }
        String name = kind.equals(BenchReport.Contender.ESCALATE) ? escalatedName(amortiser, simulations)
                : name(amortiser, simulations, proposalDraws);
        Double money = config.pricePerSimulatorCall() == null ? null
                : config.pricePerSimulatorCall() * fixed.fixed().simulatorCalls();
        return new BenchReport.Contender(name, amortiser, kind, simulations, proposalDraws, byPhase, f, money, queries,
                MedianCost.of(queries), analysis.amortisedPerQuery(), analysis.amortisedC2st(), versus,
                unscored == null ? Headline.of(name, f, analysis.amortisedPerQuery(), versus)
                        : Headline.unmatched(name, f, analysis.amortisedPerQuery(), versus, unscored),
                simulationFailures);
    }
}
