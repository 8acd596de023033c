package dev.amortizer.bench.plan;

import dev.amortizer.bench.Stats;
import java.util.ArrayList;
import java.util.List;

/** The pilot's points aggregated as the bench aggregates its own: mean C2ST, median query wall seconds. */
final class PilotSummary {
    private PilotSummary() {
    }

    static Plan.Pilot of(PilotData p) {
        List<Plan.AmortiserRow> points = new ArrayList<>();
        for (PilotData.AmortiserPoint a : p.points()) {
            points.add(new Plan.AmortiserRow(a.simulations(), a.fixedSeconds(), a.fixedCpuSeconds(), a.trainingPasses(),
                    Stats.mean(a.c2st()), Stats.median(a.querySeconds())));
        }
        List<Plan.DirectRow> rungs = new ArrayList<>();
        for (PilotData.DirectPilot d : p.direct()) {
            for (PilotData.Rung r : d.rungs()) {
                rungs.add(new Plan.DirectRow(d.method(), d.unit(), r.budget(), Stats.mean(r.c2st()),
                        Stats.median(r.querySeconds())));
            }
        }
        return new Plan.Pilot(p.amortiser(), p.observations(), p.source(), p.wallSeconds(), p.cpuSeconds(),
                p.capSeconds(), p.c2stFolds(), p.pieces(), p.notes(), points, rungs);
    }
}
