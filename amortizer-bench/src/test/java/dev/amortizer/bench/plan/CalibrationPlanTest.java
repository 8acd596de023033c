package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A synthetic coverage-error pilot: an amortiser calibrated within 0.05 from its smallest budget but still sharpening
 * (held-out log score −40/√n), a chain method certified from its second rung, and a method never certified. The plan
 * trains where a doubling stops gaining 0.1 nats, prices the chain method at its certified rung and leaves the other
 * out.
 */
class CalibrationPlanTest {
    private static final int[] BUDGETS = {250, 500, 1000, 2000};
    private static final int PAIRS = 400;

    @Test
    void theAmortiserTrainsUntilItStopsSharpeningAndDirectMethodsCostTheirCertifiedRung() {
        PlanSettings settings = new PlanSettings(Measure.COVERAGE_ERROR, 0.1, List.of(10L, 100_000L), null, 0.01, 0.1,
                200, 1);
        Plan plan = Planner.plan(pilot(), settings);
        double sharp = Math.pow(40 * (1 - 1 / Math.sqrt(2)) / 0.1, 2); // SharpnessTest: 13,729
        assertThat(plan.atTarget().simulations().estimate()).isCloseTo(Math.ceil(sharp), within(1.0));
        assertThat(plan.atTarget().directBudget().get("nuts")).isEqualTo(30_000);
        assertThat(plan.atTarget().directSeconds().get("nuts").estimate()).isCloseTo(0.3, within(1e-9));
        assertThat(plan.atTarget().directSeconds().get("rejection-abc").estimate()).as("never certified").isNull();
        assertThat(plan.atTarget().cheapestDirect()).isEqualTo("nuts");
        assertThat(plan.recommendations().get(0).option()).as("10 queries: 3 s of NUTS against F of minutes")
                .isEqualTo("nuts");
        assertThat(plan.recommendations().get(1).option()).isEqualTo(Decision.AMORTISE);
        assertThat(plan.targetC2st()).isNull();
        assertThat(plan.targetCoverageError()).isEqualTo(0.1);
        assertThat(plan.pilot().points().get(0).coverageError()).isLessThan(0.05);
        assertThat(plan.logScoreGain().stillSharpening()).isTrue();
        assertThat(plan.anytime()).extracting(AnytimeStop::budget).containsExactly(30_000L, 30_000L);
        assertThat(plan.verdict()).contains("coverage error ≤ 0.100").contains("held-out log score");
    }

    @Test
    void aC2stPilotDoesNotPlanACalibrationTarget() {
        PilotData pilot = pilot();
        PilotData c2st = new PilotData(pilot.task(), pilot.observations(), pilot.source(), Measure.C2ST, false,
                pilot.amortiser(), pilot.points(), pilot.direct(), 1, 1, 1, 5, List.of(), List.of());
        PlanSettings settings = new PlanSettings(Measure.COVERAGE_ERROR, 0.1, List.of(10L), null, 0.01, 0.1, 20, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planner.plan(c2st, settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the pilot measured C2ST");
    }

    private static PilotData pilot() {
        List<PilotData.AmortiserPoint> points = new ArrayList<>();
        for (int n : BUDGETS) {
            double[] levels = new double[PAIRS];
            double[] logQ = new double[PAIRS];
            for (int i = 0; i < PAIRS; i++) {
                levels[i] = (i + 0.5) / PAIRS;
                logQ[i] = Math.sin(i) - 40 / Math.sqrt(n); // each pair its own level, the same across budgets
            }
            double f = 1 + 0.003 * n;
            points.add(new PilotData.AmortiserPoint(n, f, f, new double[] {Double.NaN, Double.NaN, Double.NaN},
                    new double[] {1e-3, 1e-3, 1e-3}, 0, levels, 0.5, logQ));
        }
        List<PilotData.Rung> nuts = new ArrayList<>();
        List<PilotData.Rung> abc = new ArrayList<>();
        boolean[] none = new boolean[3];
        for (long b : new long[] {10_000, 30_000}) {
            double cost = 1e-5 * b;
            double[] seconds = {cost, cost, cost};
            double[] unscored = {Double.NaN, Double.NaN, Double.NaN};
            nuts.add(new PilotData.Rung(b, unscored, seconds, b == 30_000 ? new boolean[] {true, true, true} : none));
            abc.add(new PilotData.Rung(b, unscored, seconds, none));
        }
        return new PilotData("synthetic", List.of(1, 2, 3), "synthetic", Measure.COVERAGE_ERROR, false, "npe",
                points, List.of(new PilotData.DirectPilot("nuts", "likelihood_evaluations", nuts),
                        new PilotData.DirectPilot("rejection-abc", "simulations", abc)), 10, 10, 150, 5, List.of(),
                List.of());
    }
}
