package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

/** F = c₀ + c₁·n: the fit recovers overhead and per-simulation cost, keeps both >= 0, and extrapolates linearly. */
class FixedCostLineTest {
    private static final double[] PILOT = {250, 500, 1000, 2000};

    @Test
    void exactPointsGiveBackOverheadAndSlope() {
        FixedCostLine fit = FixedCostLine.fit(PILOT, f(new FixedCostLine(1.5, 0.003), null, 0));
        assertThat(fit.overhead()).isCloseTo(1.5, within(1e-9));
        assertThat(fit.perSimulation()).isCloseTo(0.003, within(1e-12));
        assertThat(fit.at(10_000)).isCloseTo(31.5, within(1e-6));
    }

    @Test
    void anOverheadIsNotReadAsAFlatSlopeAsALogLogLineReadsIt() {
        double[] y = f(new FixedCostLine(2.0, 0.0025), null, 0);
        double truth = 2.0 + 0.0025 * 10_000;
        assertThat(FixedCostLine.fit(PILOT, y).at(10_000)).isCloseTo(truth, within(1e-6));
        assertThat(LogLine.fit(PILOT, y).at(10_000)).as("the old form under-predicts").isLessThan(0.8 * truth);
    }

    @Test
    void noisyPointsPredictTenThousandWithinTwentyPercentOverSeeds() {
        FixedCostLine truth = new FixedCostLine(1.0, 0.003);
        for (int seed = 1; seed <= 20; seed++) {
            FixedCostLine fit = FixedCostLine.fit(PILOT, f(truth, Rng.seeded(seed), 0.05));
            assertThat(fit.at(10_000)).as("seed %d", seed).isCloseTo(truth.at(10_000), within(0.2 * truth.at(10_000)));
        }
    }

    @Test
    void boundsHoldWhenTheCostFallsOrIsFlat() {
        FixedCostLine falling = FixedCostLine.fit(PILOT, new double[] {10, 9, 8, 7});
        assertThat(falling.perSimulation()).isZero();
        assertThat(falling.overhead()).isBetween(7.0, 10.0);
        FixedCostLine proportional = FixedCostLine.fit(PILOT, new double[] {0.1, 1, 2, 4});
        assertThat(proportional.overhead()).isZero();
        assertThat(proportional.perSimulation()).isPositive();
        FixedCostLine one = FixedCostLine.fit(new double[] {1000}, new double[] {3});
        assertThat(one.at(1000)).isCloseTo(3, within(1e-9));
    }

    @Test
    void thePinnedLinePassesThroughTheLargestBudgetAndTakesItsOverheadFromTheOthers() {
        double[] exact = f(new FixedCostLine(1.5, 0.003), null, 0);
        FixedCostLine same = FixedCostLine.pinned(PILOT, exact);
        assertThat(same.overhead()).isCloseTo(1.5, within(1e-9));
        assertThat(same.perSimulation()).isCloseTo(0.003, within(1e-12));
        // sir's pilot: an early stop at 1,000 simulations tilts the free line; the pinned one keeps 2,000's cost
        double[] sir = {0.54, 0.65, 0.66, 2.61};
        FixedCostLine pinned = FixedCostLine.pinned(PILOT, sir);
        assertThat(pinned.at(2000)).isCloseTo(2.61, within(1e-9));
        assertThat(pinned.overhead()).isBetween(0.0, 2.61);
        assertThat(pinned.at(10_000)).isGreaterThan(1.5 * FixedCostLine.fit(PILOT, sir).at(10_000));
        FixedCostLine falling = FixedCostLine.pinned(PILOT, new double[] {10, 9, 8, 7});
        assertThat(falling.perSimulation()).as("the overhead is at most F at the largest budget").isZero();
        assertThat(falling.overhead()).isEqualTo(7);
        FixedCostLine one = FixedCostLine.pinned(new double[] {1000}, new double[] {3});
        assertThat(one.overhead()).isZero();
        assertThat(one.at(1000)).isCloseTo(3, within(1e-12));
    }

    @Test
    void refusesNonPositiveNumbersAndNoPoints() {
        assertThatThrownBy(() -> FixedCostLine.fit(new double[] {1, 2}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> FixedCostLine.fit(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one point");
    }

    @Test
    void theExponentShiftKeepsThePivotAndGrowsWithDistance() {
        PowerLaw curve = new PowerLaw(3.0, 0.5, 0.01);
        PowerLaw shifted = curve.withExponentShift(0.1, 2000);
        assertThat(shifted.at(2000)).isCloseTo(curve.at(2000), within(1e-12));
        double at5x = Math.log((shifted.at(10_000) - 0.51) / (curve.at(10_000) - 0.51));
        assertThat(at5x).isCloseTo(-0.1 * Math.log(5), within(1e-9));
        assertThat(curve.withExponentShift(-1, 2000).b()).isZero();
    }

    /** F on the line at the pilot budgets, each times exp(noise·N(0, 1)) when rng is given. */
    private static double[] f(FixedCostLine line, Rng rng, double noise) {
        double[] y = new double[PILOT.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = line.at(PILOT[i]) * (rng == null ? 1 : Math.exp(noise * rng.nextGaussian()));
        }
        return y;
    }
}
