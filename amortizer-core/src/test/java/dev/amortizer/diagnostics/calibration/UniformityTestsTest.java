package dev.amortizer.diagnostics.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class UniformityTestsTest {
    @Test
    void chiSquareAcceptsUniformRanksAndRejectsPiledUpOnes() {
        Rng rng = Rng.seeded(1);
        int[] uniform = new int[1000];
        int[] piled = new int[1000];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = rng.nextInt(100);
            piled[i] = rng.nextDouble() < 0.2 ? 0 : rng.nextInt(100); // a fifth stuck at rank 0: too narrow below
        }
        assertThat(UniformityTests.chiSquare(uniform, 99, 20)).isGreaterThan(0.05);
        assertThat(UniformityTests.chiSquare(piled, 99, 20)).isLessThan(1e-6);
    }

    @Test
    void binsHoldTheirExactShareOfRanksWhenTheyDoNotDivideEvenly() {
        // L = 10: 11 ranks in 3 bins of 3, 4 and 4; a perfectly even sample has X² = 0 and p = 1
        int[] ranks = new int[110];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i % 11;
        }
        assertThat(UniformityTests.chiSquare(ranks, 10, 3)).isEqualTo(1.0, within(1e-12));
        assertThatThrownBy(() -> UniformityTests.chiSquare(new int[] {11}, 10, 3)).hasMessageContaining("rank 11");
    }

    @Test
    void simulatedBandMatchesTheKolmogorovSmirnovCriticalValue() {
        // for many ranks the band tends to the KS critical value 1.358/√N at α = 0.05
        double e = UniformityTests.ecdfBand(400, 999, 0.05, 2000, Rng.seeded(2));
        assertThat(e).isCloseTo(1.358 / Math.sqrt(400), within(0.006));
    }

    @Test
    void ecdfDifferenceEndsAtZero() {
        double[] d = UniformityTests.ecdfDifference(new int[] {0, 3, 3, 9}, 9);
        assertThat(d).hasSize(10);
        assertThat(d[9]).isEqualTo(0, within(1e-12));
        assertThat(d[0]).isEqualTo(0.25 - 0.1, within(1e-12));
    }
}
