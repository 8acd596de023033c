package dev.amortizer.diagnostics.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class ParetoKhatTest {
    @Test
    void recoversTheShapeOfGeneralisedParetoDraws() {
        Rng rng = Rng.seeded(1);
        for (double k : new double[] {0.2, 0.5, 0.9}) {
            double[] y = new double[4000];
            for (int i = 0; i < y.length; i++) {
                y[i] = (Math.pow(rng.nextOpenDouble(), -k) - 1) / k;
            }
            java.util.Arrays.sort(y);
            assertThat(ParetoKhat.fitShape(y)).as("k = " + k).isCloseTo(k, within(0.1));
        }
    }

    @Test
    void aProposalWiderThanTheTargetGivesLightTailsAndANarrowerOneHeavyTails() {
        Rng rng = Rng.seeded(2);
        int s = 10_000;
        double[] wide = new double[s];
        double[] narrow = new double[s];
        for (int i = 0; i < s; i++) {
            // target N(0, 1), proposal N(0, 2²): w ∝ exp(−3x²/8), bounded
            double x = 2 * rng.nextGaussian();
            wide[i] = -0.5 * x * x + x * x / 8;
            // target N(0, 2²), proposal N(0, 1): w ∝ exp(3x²/8), P(w > t) ~ t^(−4/3), so k = 3/4
            double z = rng.nextGaussian();
            narrow[i] = -z * z / 8 + z * z / 2;
        }
        assertThat(ParetoKhat.of(wide)).isLessThan(0.5);
        assertThat(ParetoKhat.of(narrow)).isBetween(0.6, 0.9);
        assertThat(ImportanceWeights.effectiveSampleSize(wide)).isGreaterThan(ImportanceWeights.effectiveSampleSize(narrow));
    }

    @Test
    void equalWeightsHaveEssS() {
        assertThat(ImportanceWeights.effectiveSampleSize(new double[] {3, 3, 3, 3})).isCloseTo(4, within(1e-12));
        assertThat(ImportanceWeights.effectiveSampleSize(new double[] {0, Double.NEGATIVE_INFINITY})).isCloseTo(1, within(1e-12));
    }

    @Test
    void weightsEqualUpToRoundingHaveAFlatTail() {
        // an exact proposal: log π − log q is the same constant for every draw, up to the last bits
        double[] logWeights = new double[1_000];
        for (int i = 0; i < logWeights.length; i++) {
            logWeights[i] = -3.2 + (i % 7) * 1e-15;
        }
        assertThat(ParetoKhat.of(logWeights)).isEqualTo(Double.NEGATIVE_INFINITY);
        logWeights[500] = -3.0; // one real outlier is a tail again
        assertThat(ParetoKhat.of(logWeights)).isGreaterThan(Double.NEGATIVE_INFINITY);
    }

    @Test
    void badInputIsRejectedByName() {
        assertThatThrownBy(() -> ParetoKhat.of(new double[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10 weights, got 5");
        double[] withNaN = new double[20];
        withNaN[3] = Double.NaN;
        assertThatThrownBy(() -> ParetoKhat.of(withNaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logWeights[3] is NaN");
    }
}
