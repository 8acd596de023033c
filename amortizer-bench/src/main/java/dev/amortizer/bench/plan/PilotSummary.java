package dev.amortizer.bench.plan;

import dev.amortizer.bench.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * The pilot's points aggregated as the bench aggregates its own: mean C2ST (or coverage error and contraction on the
 * held-out simulations, and how many answers are certified), median query wall seconds.
 */
final class PilotSummary {
    private PilotSummary() {
    }

    static Plan.Pilot of(PilotData p) {
        List<Plan.AmortiserRow> points = new ArrayList<>();
        boolean c2st = p.measure() == Measure.C2ST;
        for (PilotData.AmortiserPoint a : p.points()) {
            points.add(new Plan.AmortiserRow(a.simulations(), a.fixedSeconds(), a.fixedCpuSeconds(), a.trainingPasses(),
                    c2st ? Stats.mean(a.c2st()) : null, Stats.median(a.querySeconds()),
                    c2st ? null : CoverageError.of(a.hpdLevels()), c2st ? null : a.contraction(),
                    c2st ? null : finite(Stats.mean(a.truthLogDensities()))));
        }
        List<Plan.DirectRow> rungs = new ArrayList<>();
        for (PilotData.DirectPilot d : p.direct()) {
            for (PilotData.Rung r : d.rungs()) {
                int certified = 0;
                for (boolean b : r.certified()) {
                    certified += b ? 1 : 0;
                }
                rungs.add(new Plan.DirectRow(d.method(), d.unit(), r.budget(), c2st ? Stats.mean(r.c2st()) : null,
                        Stats.median(r.querySeconds()), c2st ? null : certified));
            }
        }
        return new Plan.Pilot(p.amortiser(), p.observations(), p.source(), p.wallSeconds(), p.cpuSeconds(),
                p.capSeconds(), p.c2stFolds(), p.pieces(), p.notes(), points, rungs);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
