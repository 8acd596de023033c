package dev.amortizer.bench.plan;

import java.util.ArrayList;
import java.util.List;

/** Pilots for tests: what a pilot's file holds, on known curves. */
public final class PilotFixtures {
    private PilotFixtures() {
    }

    /**
     * A two_moons C2ST pilot on three observations: the amortiser at 250–2,000 simulations on C2ST − 0.5 = 3·n^(−1/2)
     * (the observations 3% apart), MCMC at three rungs on C2ST − 0.5 = 0.001 / c_D.
     */
    public static PilotData threeObservations() {
        List<PilotData.AmortiserPoint> points = new ArrayList<>();
        for (int n : new int[] {250, 500, 1000, 2000}) {
            double excess = 3 / Math.sqrt(n);
            points.add(new PilotData.AmortiserPoint(n, 1 + 0.003 * n, 1.5 + 0.004 * n,
                    new double[] {0.5 + 0.97 * excess, 0.5 + excess, 0.5 + 1.03 * excess},
                    new double[] {1e-3, 1.1e-3, 0.9e-3}, 100L * n));
        }
        List<PilotData.Rung> rungs = new ArrayList<>();
        for (long b : new long[] {1_000, 3_000, 10_000}) {
            double cost = 1e-5 * b;
            rungs.add(new PilotData.Rung(b, new double[] {0.5 + 0.001 / cost, 0.5 + 0.0011 / cost, 0.5 + 0.0009 / cost},
                    new double[] {cost, cost * 1.1, cost * 0.9}));
        }
        return new PilotData("two_moons", List.of(1, 2, 3), "synthetic", Measure.C2ST, true, "npe", points,
                List.of(new PilotData.DirectPilot("mcmc", "likelihood evaluations", rungs)), 30, 40, 150, 1,
                List.of(new PilotData.Piece("warm-up", 1, 2, 0)), List.of("a note"));
    }

    /**
     * A two_moons coverage-error pilot on two observations and 40 held-out simulations: levels spread as a calibrated
     * posterior's would, log scores rising by less with every doubling; NUTS certified at its second rung only.
     */
    public static PilotData coverage() {
        int heldOut = 40;
        List<PilotData.AmortiserPoint> points = new ArrayList<>();
        int[] budgets = {250, 500, 1000, 2000};
        for (int b = 0; b < budgets.length; b++) {
            double[] levels = new double[heldOut];
            double[] scores = new double[heldOut];
            for (int i = 0; i < heldOut; i++) {
                levels[i] = ((i * 7 + b) % heldOut + 0.5) / heldOut;
                scores[i] = 3.5 - 1.0 / (b + 1) + 0.01 * (i % 5);
            }
            int n = budgets[b];
            points.add(new PilotData.AmortiserPoint(n, 1 + 0.003 * n, 1.5 + 0.004 * n,
                    new double[] {Double.NaN, Double.NaN}, new double[] {1e-3, 1.2e-3}, 100L * n, levels,
                    0.9, scores, 0.5 + 0.002 * n, 0.7 + 0.003 * n));
        }
        List<PilotData.Rung> rungs = List.of(
                new PilotData.Rung(30_000, new double[] {Double.NaN, Double.NaN}, new double[] {0.04, 0.05},
                        new boolean[] {true, false}),
                new PilotData.Rung(100_000, new double[] {Double.NaN, Double.NaN}, new double[] {0.12, 0.15},
                        new boolean[] {true, true}));
        return new PilotData("two_moons", List.of(1, 2), "sbibm", Measure.COVERAGE_ERROR, false, "npe", points,
                List.of(new PilotData.DirectPilot("nuts", "likelihood evaluations", rungs)), 20, 28, 150, 1,
                List.of(), List.of());
    }
}
