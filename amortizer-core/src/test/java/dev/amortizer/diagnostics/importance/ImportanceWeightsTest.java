package dev.amortizer.diagnostics.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImportanceWeightsTest {
    @Test
    void systematicResamplingTakesEachDrawInProportionToItsWeight() {
        // weights 1 : 3 : 0 : 4 out of 8
        double[] logWeights = {Math.log(1), Math.log(3), Double.NEGATIVE_INFINITY, Math.log(4)};
        int[] picked = ImportanceWeights.systematicResample(logWeights, 800, 0.37);
        int[] count = new int[4];
        for (int i : picked) {
            count[i]++;
        }
        assertThat(count).containsExactly(100, 300, 0, 400);
        // in the weights' order: the points (k + u)/n walk the cumulative sum once
        for (int i = 1; i < picked.length; i++) {
            assertThat(picked[i]).isGreaterThanOrEqualTo(picked[i - 1]);
        }
    }

    @Test
    void equalWeightsGiveFullEssAndEveryWeightZeroCannotBeResampled() {
        assertThat(ImportanceWeights.effectiveSampleSize(new double[] {2, 2, 2, 2})).isEqualTo(4.0);
        assertThat(ImportanceWeights.effectiveSampleSize(new double[] {Double.NEGATIVE_INFINITY})).isZero();
        assertThatThrownBy(() -> ImportanceWeights.systematicResample(new double[] {Double.NEGATIVE_INFINITY}, 3, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every weight is zero");
    }
}
