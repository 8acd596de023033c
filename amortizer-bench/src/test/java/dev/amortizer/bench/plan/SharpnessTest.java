package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Where training stops sharpening, read from the held-out log score at the pilot's budgets. */
class SharpnessTest {
    private static final double[] N = {250, 500, 1000, 2000};

    private static double at(double[] scores, double minGain) {
        return Sharpness.simulations(new Sharpness.Scores(N, scores), minGain);
    }

    @Test
    void gainsThatFallBelowTheThresholdInsideThePilotStopAtTheirBudget() {
        // doublings gain 0.8, 0.8, then 0.05 nats: past 1,000 simulations a doubling buys less than 0.1
        assertThat(at(new double[] {1.4, 2.2, 3.0, 3.05}, 0.1)).isEqualTo(1000);
        // a gain of 0.3 after a small one: only the last budget is past every gain above the threshold
        assertThat(at(new double[] {1.0, 1.05, 1.35, 1.4}, 0.1)).isEqualTo(1000);
        assertThat(at(new double[] {1.0, 1.01, 1.02, 1.03}, 0.1)).as("never sharpened").isEqualTo(250);
    }

    @Test
    void gainsStillAboveTheThresholdAreExtrapolatedAlongTheirPowerLaw() {
        // L(n) = −40/√n: a doubling from n gains 40(1 − 1/√2)/√n, which is 0.1 at n = (117.2)²
        double[] scores = new double[N.length];
        for (int i = 0; i < N.length; i++) {
            scores[i] = 3 - 40 / Math.sqrt(N[i]);
        }
        double expected = Math.pow(40 * (1 - 1 / Math.sqrt(2)) / 0.1, 2);
        assertThat(at(scores, 0.1)).isCloseTo(expected, within(1e-6 * expected));
    }

    @Test
    void gainsThatDoNotFallAndMissingDensitiesAreSaidSo() {
        assertThat(at(new double[] {0, 0.5, 1.2, 2.2}, 0.1)).as("growing gains").isInfinite();
        assertThat(Sharpness.simulations(null, 0.1)).as("no log densities: criterion off").isZero();
    }
}
