package dev.amortizer.direct.truncation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import dev.amortizer.task.UniformBoxPrior;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TruncatedPriorTest {
    private static final Prior UNIT_SQUARE = UniformBoxPrior.cube(2, 0, 1);

    /** The region {θ : θ₀ ≤ edge} of U[0, 1]², its defining draws spanning [0, edge] × [0, 1]. */
    private static HighProbabilityRegion leftStrip(double edge) {
        return new HighProbabilityRegion(-edge, new double[] {0, 0}, new double[] {edge, 1},
                rows -> Arrays.stream(rows).mapToDouble(r -> -r[0]).toArray());
    }

    @Test
    void thresholdIsTheEpsilonQuantileOfLogQOverTheDrawsAndTheBoxSpansThem() {
        double[][] draws = new double[100][];
        for (int i = 0; i < 100; i++) {
            draws[i] = new double[] {i, -i};
        }
        HighProbabilityRegion r = HighProbabilityRegion.of(draws,
                rows -> Arrays.stream(rows).mapToDouble(row -> -row[0]).toArray(), 0.05);
        // log q = −i; the ⌊0.05 · 99⌋ = 4th smallest (0-based) of −99 … 0 is −95
        assertThat(r.threshold()).isEqualTo(-95.0);
        assertThat(r.lower()).containsExactly(0, -99);
        assertThat(r.upper()).containsExactly(99, 0);
        assertThat(r.contains(new double[][] {{95}, {95.5}})).containsExactly(true, false);
        assertThatThrownBy(() -> HighProbabilityRegion.of(draws, rows -> new double[rows.length], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon is 0.0");
    }

    @Test
    void rejectionFromThePriorKeepsDrawsInsideTheRegionWithThePriorsShape() {
        TruncatedPrior p = TruncatedPrior.of(UNIT_SQUARE, leftStrip(0.5), TruncatedPrior.Settings.defaults(),
                Rng.seeded(1));
        assertThat(p.usesFallback()).isFalse();
        assertThat(p.pilotAcceptance()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        double[][] draws = p.sample(4_000, Rng.seeded(2));
        assertThat(Arrays.asList(draws)).hasSize(4_000).allSatisfy(t -> assertThat(t[0]).isBetween(0.0, 0.5));
        assertThat(Arrays.stream(draws).mapToDouble(t -> t[0]).average().orElseThrow()).isCloseTo(0.25,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.acceptanceRate()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
        assertThat(p.logDensity(new double[] {0.7, 0.5})).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aRegionWithTooLittlePriorMassFallsBackToTheBoxOfItsDraws() {
        // P(region) = 2·10⁻⁴, below the default 10⁻³: rejection from the prior would need ~5,000 proposals a draw
        TruncatedPrior p = TruncatedPrior.of(UNIT_SQUARE, leftStrip(2e-4), TruncatedPrior.Settings.defaults(),
                Rng.seeded(3));
        assertThat(p.usesFallback()).isTrue();
        double[][] draws = p.sample(2_000, Rng.seeded(4));
        assertThat(Arrays.asList(draws)).allSatisfy(t -> assertThat(t[0]).isBetween(0.0, 2e-4));
        assertThat(Arrays.stream(draws).mapToDouble(t -> t[1]).average().orElseThrow()).isCloseTo(0.5,
                org.assertj.core.data.Offset.offset(0.03));
        // the box is [0, 2.2·10⁻⁴] × [0, 1] after the margin and the support's cut, so 91 % of proposals land in
        // the region; proposals come in batches of 1,000, the last batch's surplus counted: 2,000 of 3,000
        assertThat(p.acceptanceRate()).isEqualTo(2.0 / 3);
    }

    @Test
    void proposalsAreCappedAndARegionWithoutPriorMassFailsInsteadOfLooping() {
        HighProbabilityRegion outside = new HighProbabilityRegion(2, new double[] {0, 0}, new double[] {1, 1},
                rows -> Arrays.stream(rows).mapToDouble(r -> r[0]).toArray());
        TruncatedPrior p = TruncatedPrior.of(UNIT_SQUARE, outside, new TruncatedPrior.Settings(1_000, 1e-3, 50, 0.1),
                Rng.seeded(5));
        assertThat(p.usesFallback()).isTrue();
        assertThatThrownBy(() -> p.sample(10, Rng.seeded(6))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("accepted 0 of 500 proposals");
    }

    @Test
    void sameSeedSameDraws() {
        TruncatedPrior p = TruncatedPrior.of(UNIT_SQUARE, leftStrip(0.3), TruncatedPrior.Settings.defaults(),
                Rng.seeded(7));
        assertThat(p.sample(100, Rng.seeded(8))).isDeepEqualTo(p.sample(100, Rng.seeded(8)));
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertThatThrownBy(() -> new TruncatedPrior.Settings(0, 1e-3, 10, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pilot is 0");
        assertThatThrownBy(() -> new TruncatedPrior.Settings(10, 1.5, 10, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minAcceptance is 1.5");
        assertThatThrownBy(() -> new TruncatedPrior.Settings(10, 1e-3, 0, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxProposalsPerDraw is 0");
        assertThatThrownBy(() -> new TruncatedPrior.Settings(10, 1e-3, 10, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boxMargin is -1.0");
    }
}
