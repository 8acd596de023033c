package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

/** The expected coverage error: 0 for evenly spread HPD levels, 0.5 when no region ever holds the truth, and its
 * chance level on K calibrated pairs as {@link CoverageError#noise} says. */
class CoverageErrorTest {
    @Test
    void evenlySpreadLevelsAreCalibratedAndLevelsOfOneAreAsWrongAsCanBe() {
        double[] even = new double[400];
        for (int i = 0; i < even.length; i++) {
            even[i] = (i + 0.5) / even.length;
        }
        assertThat(CoverageError.of(even)).isLessThan(1.0 / even.length);
        double[] never = new double[100];
        java.util.Arrays.fill(never, 1.0);
        assertThat(CoverageError.of(never)).as("mean of the levels 0.05..0.95").isCloseTo(0.5, within(1e-12));
    }

    @Test
    void resampledRowsAreReadAsGiven() {
        double[] h = {0.1, 0.9};
        // both rows the first pair: every region from 0.1 up holds the truth
        double picked = CoverageError.of(h, new int[] {0, 0});
        double expected = 0;
        for (double a : CoverageError.LEVELS) {
            expected += Math.abs((a >= 0.1 ? 1 : 0) - a);
        }
        assertThat(picked).isCloseTo(expected / CoverageError.LEVELS.length, within(1e-12));
    }

    @Test
    void chanceLevelOfACalibratedPosteriorMatchesTheFormula() {
        Rng rng = Rng.seeded(11);
        int pairs = 200;
        int replicates = 2_000;
        double sum = 0;
        for (int r = 0; r < replicates; r++) {
            double[] h = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                h[i] = rng.nextDouble();
            }
            sum += CoverageError.of(h);
        }
        // the formula is the normal approximation of E|Binomial/K − α|: within 5% at K = 200
        assertThat(sum / replicates).isCloseTo(CoverageError.noise(pairs), within(0.05 * CoverageError.noise(pairs)));
        assertThat(CoverageError.noise(pairs)).isCloseTo(0.023, within(0.0005));
    }
}
