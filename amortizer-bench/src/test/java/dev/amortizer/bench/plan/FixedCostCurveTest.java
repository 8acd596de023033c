package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FixedCostCurveTest {
    private static final double[] PILOT = {250, 500, 1000, 2000};
    private static final double[] F = {1.75, 2.5, 4, 7}; // 1 s + 3 ms·n

    @Test
    void withinThePilotItIsTheLine() {
        FixedCostCurve curve = FixedCostCurve.fit(PILOT, F);
        assertThat(curve.pivot()).isEqualTo(2000);
        for (int i = 0; i < PILOT.length; i++) {
            assertThat(curve.at(PILOT[i])).isCloseTo(F[i], within(1e-9));
        }
        assertThat(curve.at(1500)).isCloseTo(5.5, within(1e-9));
    }

    @Test
    void beyondThePilotThePerSimulationPartGrowsAndTheOverheadDoesNot() {
        FixedCostCurve curve = FixedCostCurve.fit(PILOT, F);
        double growth = Math.pow(5, FixedCostCurve.EPOCH_GROWTH);
        assertThat(curve.at(10_000)).isCloseTo(1 + 0.003 * 10_000 * growth, within(1e-9));
        assertThat(new FixedCostCurve(curve.line(), 2000, 0).at(10_000)).as("no growth: the line")
                .isCloseTo(31, within(1e-9));
        assertThat(curve.at(2000 + 1e-9)).as("continuous at the pivot").isCloseTo(7, within(1e-6));
    }

    @Test
    void onlyTheTrainingShareGrowsAndItsPassesCostWhatTheProbeMeasured() {
        List<FixedCostCurve.PassRatio> ratios = List.of(new FixedCostCurve.PassRatio(8192, 0.6),
                new FixedCostCurve.PassRatio(16_384, 0.5));
        FixedCostCurve curve = FixedCostCurve.fit(PILOT, F, 0.75, ratios);
        double growth = Math.pow(5, FixedCostCurve.EPOCH_GROWTH);
        assertThat(curve.at(5000)).as("below the first step: the pivot's pass")
                .isCloseTo(1 + 0.003 * 5000 * (0.25 + 0.75 * Math.pow(2.5, FixedCostCurve.EPOCH_GROWTH)),
                        within(1e-9));
        assertThat(curve.at(10_000)).isCloseTo(1 + 0.003 * 10_000 * (0.25 + 0.75 * growth * 0.6), within(1e-9));
        assertThat(curve.passRatio(20_000)).isEqualTo(0.5);
        assertThat(curve.at(1500)).as("within the pilot: the line").isCloseTo(5.5, within(1e-9));
        assertThat(new FixedCostCurve(curve.line(), 2000, 0.12, Double.NaN, null).at(10_000))
                .as("a schema-4 plan's curve: all of F grows").isCloseTo(FixedCostCurve.fit(PILOT, F).at(10_000),
                        within(1e-9));
    }
}
