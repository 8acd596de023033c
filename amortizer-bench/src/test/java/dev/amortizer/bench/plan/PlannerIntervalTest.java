package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A synthetic pilot on known curves (C2ST − 0.5 = 3·n^(−1/2); F = 1 s + 3 ms·n up to the pilot's 2,000 simulations,
 * the per-simulation part growing by the planner's epoch growth beyond; a direct method with C2ST − 0.5 = 0.01 / c_D):
 * the plan predicts 10⁴ simulations from the same forms, and its 90% intervals contain the truth with a width the
 * model-error terms set, neither a point nor absurd.
 */
class PlannerIntervalTest {
    private static final int[] BUDGETS = {250, 500, 1000, 2000};
    private static final double[] SPREAD = {0.97, 1.0, 1.03}; // the three observations' C2ST excess, relative

    @Test
    void predictionsAtTenThousandCarryTheTruthInsideHonestIntervals() {
        Plan plan = Planner.plan(pilot(), new PlanSettings(0.56, List.of(10L, 1_000L, 100_000L), null, 0.01, 400,
                1));
        Plan.AtBudget at = plan.predictions().stream().filter(p -> p.simulations() == 10_000).findFirst()
                .orElseThrow();
        double c2st = 0.5 + 3 / Math.sqrt(10_000);
        assertThat(at.accuracy().estimate()).isCloseTo(c2st, within(0.002));
        assertThat(c2st).isBetween(at.accuracy().low(), at.accuracy().high());
        // the stray of one training (Curves.TRAINING_C2ST_SIGMA, 0.02) alone spans 2·1.645·0.02 = 0.066
        assertThat(at.accuracy().high() - at.accuracy().low()).as("C2ST width").isBetween(0.06, 0.1);
        double f = fixedSeconds(10_000);
        assertThat(at.fixedSeconds().estimate()).isCloseTo(f, within(1e-6 * f));
        assertThat(f).isBetween(at.fixedSeconds().low(), at.fixedSeconds().high());
        // log-sd √(0.2² + (0.16·ln 5)²) = 0.33: a 90% ratio of about e^(2·1.645·0.33) = 2.9
        assertThat(at.fixedSeconds().high() / at.fixedSeconds().low()).as("F width").isBetween(2.2, 3.6);
        assertThat(plan.fits().amortiserFixedSeconds().line().overhead()).isCloseTo(1, within(1e-6));
    }

    /**
     * A pilot whose largest budget happens to score at chance (two_moons' seed-1 pilot: 0.766, 0.635, 0.539, 0.499):
     * the curve through it sits on 0.5, but one training at 10⁴ simulations can stray from it as far as the pilot's own
     * points do from theirs, so the interval must reach well above chance.
     */
    @Test
    void aPilotAtChanceStillLeavesRoomForOneTrainingsStray() {
        double[] c2st = {0.766, 0.635, 0.539, 0.499};
        List<PilotData.AmortiserPoint> points = new ArrayList<>();
        for (int i = 0; i < BUDGETS.length; i++) {
            double f = fixedSeconds(BUDGETS[i]);
            points.add(new PilotData.AmortiserPoint(BUDGETS[i], f, f, new double[] {c2st[i], c2st[i], c2st[i]},
                    new double[] {1e-3, 1e-3, 1e-3}, 0));
        }
        PilotData p = pilot();
        PilotData atChance = new PilotData(p.task(), p.observations(), p.source(), p.measure(), true, p.amortiser(),
                points, p.direct(), 10, 10, 150, 1, List.of(), List.of());
        Plan plan = Planner.plan(atChance, new PlanSettings(0.56, List.of(10L), null, 0.01, 400, 1));
        Plan.Interval at10k = plan.predictions().get(1).accuracy();
        assertThat(at10k.estimate()).isCloseTo(0.5, within(0.005));
        assertThat(at10k.high()).as("one training's stray above the curve").isGreaterThan(0.525);
    }

    @Test
    void fewObservationsWidenTheBootstrapAsStudentsTDoes() {
        assertThat(Curves.smallSampleFactor(1)).isEqualTo(1);
        assertThat(Curves.smallSampleFactor(3)).isCloseTo(2.17, within(0.01));
        assertThat(Curves.smallSampleFactor(10)).isCloseTo(1.17, within(0.01));
        assertThat(Curves.smallSampleFactor(100)).isCloseTo(1.04, within(0.01));
    }

    private static double fixedSeconds(double n) {
        return 1 + 0.003 * n * Math.pow(Math.max(n / 2000, 1), FixedCostCurve.EPOCH_GROWTH);
    }

    private static PilotData pilot() {
        List<PilotData.AmortiserPoint> points = new ArrayList<>();
        for (int n : BUDGETS) {
            double[] c2st = new double[SPREAD.length];
            for (int i = 0; i < c2st.length; i++) {
                c2st[i] = 0.5 + SPREAD[i] * 3 / Math.sqrt(n);
            }
            double f = fixedSeconds(n);
            points.add(new PilotData.AmortiserPoint(n, f, f, c2st, new double[] {1e-3, 1e-3, 1e-3}, 0));
        }
        List<PilotData.Rung> rungs = new ArrayList<>();
        for (long b : new long[] {1_000, 3_000, 10_000}) {
            double cost = 1e-5 * b;
            double[] c2st = new double[SPREAD.length];
            for (int i = 0; i < c2st.length; i++) {
                c2st[i] = 0.5 + SPREAD[i] * 0.01 / cost;
            }
            rungs.add(new PilotData.Rung(b, c2st, new double[] {cost, cost, cost}));
        }
        return new PilotData("two_moons", List.of(1, 2, 3), "synthetic", Measure.C2ST, true, "npe", points,
                List.of(new PilotData.DirectPilot("mcmc", "likelihood_evaluations", rungs)), 10, 10, 150, 5,
                List.of(), List.of());
    }
}
