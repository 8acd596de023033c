package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

/** The learning-curve fits recover the parameters of the curves that made their points. */
class PowerLawFitTest {
    private static final double[] PILOT = {250, 500, 1000, 2000};

    @Test
    void exactPointsWithoutFloorGiveBackTheCurve() {
        PowerLaw truth = new PowerLaw(3.0, 0.45, 0);
        PowerLaw fit = PowerLawFit.fit(PILOT, c2st(truth, PILOT, null, 0));
        assertThat(fit.a()).isCloseTo(3.0, within(1e-6));
        assertThat(fit.b()).isCloseTo(0.45, within(1e-9));
        assertThat(fit.floor()).isZero();
    }

    @Test
    void exactPointsWithAFloorGiveBackTheFloorAndTheExtrapolation() {
        PowerLaw truth = new PowerLaw(4.0, 0.6, 0.02);
        PowerLaw fit = PowerLawFit.fit(PILOT, c2st(truth, PILOT, null, 0));
        assertThat(fit.floor()).isCloseTo(0.02, within(0.002));
        assertThat(fit.at(10_000)).isCloseTo(truth.at(10_000), within(0.003));
    }

    @Test
    void noisyPointsGiveTheExponentBackOnAverageOverSeeds() {
        PowerLaw truth = new PowerLaw(2.0, 0.5, 0);
        double[] n = {250, 500, 1000, 2000, 4000, 8000};
        double sum = 0;
        int seeds = 20;
        for (int seed = 1; seed <= seeds; seed++) {
            PowerLaw fit = PowerLawFit.fit(n, c2st(truth, n, Rng.seeded(seed), 0.05));
            sum += fit.b();
            assertThat(fit.at(10_000)).as("seed %d", seed).isCloseTo(truth.at(10_000), within(0.01));
        }
        assertThat(sum / seeds).isCloseTo(0.5, within(0.05));
    }

    @Test
    void twoCostsAHairApartWithFarApartAccuraciesGiveAFiniteCurveNotNone() {
        // a direct method's rungs measured under load can cost almost the same: the exponent through them overflows
        PowerLaw fit = PowerLawFit.fit(new double[] {0.0095, 0.00951}, new double[] {0.96, 0.55});
        assertThat(fit).isNotNull();
        assertThat(fit.at(0.0095)).isFinite().isBetween(0.5, 1.0);
        assertThat(fit.at(1.0)).isFinite();
    }

    @Test
    void aCurveThatGetsWorseIsReadAsFlatAndNeverReachesBelowIt() {
        PowerLaw fit = PowerLawFit.fit(new double[] {100, 1000}, new double[] {0.6, 0.7});
        assertThat(fit.b()).isZero();
        assertThat(fit.reach(0.55)).isInfinite();
    }

    @Test
    void reachInvertsTheCurve() {
        PowerLaw curve = new PowerLaw(10, 0.5, 0.01);
        assertThat(curve.reach(curve.at(12_345))).isCloseTo(12_345, within(1e-6));
        assertThat(curve.reach(0.505)).as("below the floor").isInfinite();
    }

    @Test
    void logLineRecoversAPowerLawAndRefusesNonPositiveNumbers() {
        double[] y = new double[PILOT.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.004 * Math.pow(PILOT[i], 0.9);
        }
        LogLine line = LogLine.fit(PILOT, y);
        assertThat(line.slope()).isCloseTo(0.9, within(1e-9));
        assertThat(line.at(10_000)).isCloseTo(0.004 * Math.pow(10_000, 0.9), within(1e-9));
        assertThatThrownBy(() -> LogLine.fit(new double[] {1, 2}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1}, new double[] {0.7}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two points");
    }

    /** Points on the curve, each excess multiplied by exp(noise·N(0, 1)) when rng is given. */
    private static double[] c2st(PowerLaw curve, double[] n, Rng rng, double noise) {
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            double excess = curve.at(n[i]) - 0.5;
            y[i] = 0.5 + excess * (rng == null ? 1 : Math.exp(noise * rng.nextGaussian()));
        }
        return y;
    }
}
