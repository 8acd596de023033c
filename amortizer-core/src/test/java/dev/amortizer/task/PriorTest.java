package dev.amortizer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class PriorTest {
    @Test
    void uniformBoxDensityAndDraws() {
        UniformBoxPrior p = UniformBoxPrior.cube(3, -1, 1);
        assertThat(p.logDensity(new double[] {0, 0.5, -1})).isCloseTo(-Math.log(8), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(p.logDensity(new double[] {0, 1.01, 0})).isEqualTo(Double.NEGATIVE_INFINITY);
        for (double[] t : p.sample(1000, Rng.seeded(1))) {
            assertThat(p.support().contains(t)).isTrue();
        }
        assertThatThrownBy(() -> new UniformBoxPrior(Support.positive(2))).hasMessageContaining("finite bounds");
    }

    @Test
    void diagonalNormalDensityMatchesFormulaAndMoments() {
        DiagonalNormalPrior p = new DiagonalNormalPrior(new double[] {1, -2}, new double[] {0.5, 2});
        double expected = -Math.log(2 * Math.PI) - Math.log(0.5) - Math.log(2) - 0.5 * (0.25 / 0.25 + 1.0 / 4);
        assertThat(p.logDensity(new double[] {1.5, -1})).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        double[][] draws = p.sample(20_000, Rng.seeded(2));
        double m0 = 0;
        for (double[] d : draws) {
            m0 += d[0];
        }
        assertThat(m0 / draws.length).isCloseTo(1, org.assertj.core.api.Assertions.within(0.02));
        assertThatThrownBy(() -> new DiagonalNormalPrior(new double[] {0}, new double[] {0}))
                .hasMessageContaining("sd > 0");
    }

    @Test
    void supportValidatesBounds() {
        assertThatThrownBy(() -> new Support(new double[] {1}, new double[] {0})).hasMessageContaining("lower 1.0 must be < upper 0.0");
        assertThat(Support.positive(1).contains(new double[] {-1e-9})).isFalse();
    }
}
