package dev.amortizer.diagnostics.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModeGroupedConvergenceTest {
    private static final List<String> NAMES = List.of("a", "b");

    @Test
    void chainsThatAgreeAreOneModeWithStansDiagnostics() {
        double[][][] draws = chains(new double[] {0, 0, 0, 0}, 0.5, 1_000, Rng.seeded(1));
        ModeGroupedConvergence s = ModeGroupedConvergence.of(draws, null, NAMES);
        ConvergenceSummary stan = ConvergenceSummary.of(draws);
        assertThat(s.modes()).isEqualTo(1);
        assertThat(s.worst().maxRhat()).isEqualTo(stan.maxRhat());
        assertThat(s.pooledRhat()).isEqualTo(stan.maxRhat());
        assertThat(s.worst().minBulkEss()).isCloseTo(stan.minBulkEss(), within(1e-9));
        assertThat(s.worst().minTailEss()).isCloseTo(stan.minTailEss(), within(1e-9));
        assertThat(s.worst().warnings()).isEmpty();
    }

    @Test
    void chainsInTwoModesAreGroupedAndJudgedWithinTheirModes() {
        // chains 0 and 2 near −3, chains 1 and 3 near +3; weights 0.3 : 0.7 split over each mode's chains
        double[][][] draws = chains(new double[] {-3, 3, -3, 3}, 0.5, 1_000, Rng.seeded(2));
        double[] weights = {0.1, 0.5, 0.2, 0.2};
        ModeGroupedConvergence s = ModeGroupedConvergence.of(draws, weights, NAMES);

        assertThat(s.modes()).isEqualTo(2);
        assertThat(s.modeOfChain()).containsExactly(0, 1, 0, 1);
        assertThat(s.modeWeights()).containsExactly(new double[] {0.3, 0.7}, within(1e-12));
        assertThat(s.pooledRhat()).as("Stan's R-hat across modes (rank-normalised: at most about 1.74)").isGreaterThan(1.5);
        assertThat(s.worst().maxRhat()).as("within modes").isLessThan(1.01);
        assertThat(s.worst().warnings()).isEmpty();

        ParameterSummary a = s.parameters().get(0);
        assertThat(a.mean()).isCloseTo(0.3 * -3 + 0.7 * 3, within(0.05));
        // the weighted quantiles: 5 % is the lower mode's 1/6 quantile, 50 % and 95 % the upper mode's 2/7 and 13/14
        assertThat(a.q5()).isCloseTo(-3 - 0.5 * 0.967, within(0.1));
        assertThat(a.q50()).isCloseTo(3 - 0.5 * 0.566, within(0.1));
        assertThat(a.q95()).isCloseTo(3 + 0.5 * 1.466, within(0.1));
        // ESS of the mixture: 1 / Σ w_g² / ESS_g, from Stan's ESS of each mode's chains
        double lower = EffectiveSampleSize.bulk(column(new double[][][] {draws[0], draws[2]}, 0));
        double upper = EffectiveSampleSize.bulk(column(new double[][][] {draws[1], draws[3]}, 0));
        assertThat(a.essBulk()).isCloseTo(1 / (0.09 / lower + 0.49 / upper), within(1e-6));
    }

    @Test
    void aChainStillDriftingInItsModeIsCaught() {
        double[][][] draws = chains(new double[] {-3, 3, -3}, 0.5, 1_000, Rng.seeded(3));
        for (int i = 0; i < 1_000; i++) {
            draws[1][i][0] += 2.0 * i / 1_000; // a trend: the chain has not reached its stationary distribution
        }
        ModeGroupedConvergence s = ModeGroupedConvergence.of(draws, null, NAMES);
        assertThat(s.worst().maxRhat()).isGreaterThan(1.1);
        assertThat(s.worst().warnings()).anySatisfy(w -> assertThat(w).contains("R-hat"));
    }

    @Test
    void badInputIsRejectedByName() {
        double[][][] draws = chains(new double[] {0, 0}, 1, 10, Rng.seeded(4));
        assertThatThrownBy(() -> ModeGroupedConvergence.of(draws, new double[] {1}, NAMES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights has 1 entries");
        assertThatThrownBy(() -> ModeGroupedConvergence.of(draws, new double[] {1, -1}, NAMES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1] is -1.0");
        assertThatThrownBy(() -> ModeGroupedConvergence.of(draws, null, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names has 1 entries");
    }

    /** AR(1) chains (ρ = 0.5) of two parameters, parameter a centred at {@code centres[c]}, b at 0. */
    private static double[][][] chains(double[] centres, double sd, int n, Rng rng) {
        double[][][] out = new double[centres.length][n][2];
        for (int c = 0; c < centres.length; c++) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                a = 0.5 * a + Math.sqrt(0.75) * rng.nextGaussian();
                b = 0.5 * b + Math.sqrt(0.75) * rng.nextGaussian();
                out[c][i][0] = centres[c] + sd * a;
                out[c][i][1] = sd * b;
            }
        }
        return out;
    }

    private static double[][] column(double[][][] draws, int j) {
        double[][] out = new double[draws.length][];
        for (int c = 0; c < draws.length; c++) {
            out[c] = new double[draws[c].length];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = draws[c][i][j];
            }
        }
        return out;
    }
}
