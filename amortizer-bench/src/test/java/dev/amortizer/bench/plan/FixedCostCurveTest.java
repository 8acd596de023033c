package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FixedCostCurveTest {
    private static final double[] PILOT = {250, 500, 1000, 2000};

    /** Epochs to early stopping growing as n^0.3: W = 60·n^1.3 passes, F = 2 s + 10 µs per pass. */
    private static double passes(double n) {
        return 60 * Math.pow(n, 1.3);
    }

    private static double seconds(double n) {
        return 2 + 1e-5 * passes(n);
    }

    @Test
    void countedPassesCarryFsGrowthBeyondThePilot() {
        double[] w = new double[PILOT.length];
        double[] f = new double[PILOT.length];
        for (int i = 0; i < PILOT.length; i++) {
            w[i] = passes(PILOT[i]);
            f[i] = seconds(PILOT[i]);
        }
        FixedCostCurve curve = FixedCostCurve.fit(PILOT, w, f);
        assertThat(curve.at(10_000)).isCloseTo(seconds(10_000), within(1e-6 * seconds(10_000)));
        assertThat(curve.cost().overhead()).isCloseTo(2, within(1e-6));
        assertThat(curve.passes().slope()).isCloseTo(1.3, within(1e-9));
        // the line in n through the same points cannot bend: it under-predicts 10⁴ by more than a quarter
        assertThat(FixedCostLine.fit(PILOT, f).at(10_000)).isLessThan(0.75 * seconds(10_000));
    }

    @Test
    void withoutCountedPassesItIsTheLineInN() {
        double[] f = {1.75, 2.5, 4, 7};
        double[] none = new double[PILOT.length];
        FixedCostCurve curve = FixedCostCurve.fit(PILOT, none, f);
        assertThat(curve.passes()).isEqualTo(FixedCostCurve.UNCOUNTED);
        assertThat(curve.at(10_000)).isCloseTo(FixedCostLine.fit(PILOT, f).at(10_000), within(1e-9));
        assertThat(curve.at(10_000)).isCloseTo(31, within(1e-6)); // 1 s + 3 ms·n
        double[] some = {1000, 0, 3000, 6000};
        assertThat(FixedCostCurve.fit(PILOT, some, f).passes()).as("a point without passes: uncounted")
                .isEqualTo(FixedCostCurve.UNCOUNTED);
    }
}
