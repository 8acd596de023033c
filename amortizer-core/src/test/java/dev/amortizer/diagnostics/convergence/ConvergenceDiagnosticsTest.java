package dev.amortizer.diagnostics.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class ConvergenceDiagnosticsTest {
    @Test
    void independentNormalDrawsHaveEssNearNAndRhatNearOne() {
        double[][] chains = normalChains(4, 1000, new double[] {0, 0, 0, 0}, 1, Rng.seeded(1));
        assertThat(Rhat.rankNormalisedSplit(chains)).isBetween(0.995, 1.01);
        assertThat(EffectiveSampleSize.bulk(chains)).isBetween(3600.0, 4400.0);
        assertThat(EffectiveSampleSize.tail(chains)).isBetween(3200.0, 4800.0);
        assertThat(EffectiveSampleSize.basic(chains)).isBetween(3600.0, 4400.0);
    }

    @Test
    void chainsWithShiftedMeansHaveALargeRhat() {
        double[][] chains = normalChains(4, 1000, new double[] {0, 0, 3, 3}, 1, Rng.seeded(2));
        assertThat(Rhat.rankNormalisedSplit(chains)).isGreaterThan(1.5);
        assertThat(ConvergenceSummary.of(toDraws(chains)).warnings()).anyMatch(w -> w.startsWith("R-hat"));
    }

    @Test
    void chainsWithDifferentScalesAreCaughtByTheFoldedRhat() {
        double[][] chains = normalChains(4, 1000, new double[] {0, 0, 0, 0}, 1, Rng.seeded(3));
        for (int i = 0; i < 1000; i++) {
            chains[3][i] *= 4;
        }
        double[][] split = Chains.split(chains);
        double bulkOnly = Rhat.basic(Chains.rankNormalise(split));
        assertThat(bulkOnly).isLessThan(1.02);
        assertThat(Rhat.rankNormalisedSplit(chains)).isGreaterThan(1.05);
    }

    @Test
    void anAutoregressiveChainHasTheTheoreticalEss() {
        double rho = 0.8;
        int n = 20_000;
        Rng rng = Rng.seeded(4);
        double[][] chains = new double[4][n];
        for (double[] chain : chains) {
            double x = rng.nextGaussian();
            for (int i = 0; i < n; i++) {
                x = rho * x + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
                chain[i] = x;
            }
        }
        double expected = 4.0 * n * (1 - rho) / (1 + rho);
        assertThat(EffectiveSampleSize.basic(chains)).isBetween(0.85 * expected, 1.15 * expected);
        assertThat(EffectiveSampleSize.bulk(chains)).isBetween(0.85 * expected, 1.15 * expected);
    }

    @Test
    void aTrendingChainIsCaughtBySplitting() {
        double[][] chains = normalChains(1, 2000, new double[] {0}, 1, Rng.seeded(5));
        for (int i = 0; i < 2000; i++) {
            chains[0][i] += 4.0 * i / 2000;
        }
        assertThat(Rhat.rankNormalisedSplit(chains)).isGreaterThan(1.2);
    }

    @Test
    void summaryAgreesWithTheSingleDiagnostics() {
        double[][] chains = normalChains(4, 501, new double[] {0, 0, 0.3, 0}, 1, Rng.seeded(6));
        ConvergenceSummary summary = ConvergenceSummary.of(toDraws(chains));
        assertThat(summary.maxRhat()).isCloseTo(Rhat.rankNormalisedSplit(chains), within(1e-12));
        assertThat(summary.minBulkEss()).isCloseTo(EffectiveSampleSize.bulk(chains), within(1e-9));
        assertThat(summary.minTailEss()).isCloseTo(EffectiveSampleSize.tail(chains), within(1e-9));
    }

    @Test
    void normalQuantileAgreesWithTheInverseErrorFunction() {
        for (double p = 1e-6; p < 1; p += p < 0.01 || p > 0.99 ? 1e-5 : 1e-3) {
            double exact = Math.sqrt(2) * org.apache.commons.math3.special.Erf.erfInv(2 * p - 1);
            assertThat(Chains.normalQuantile(p)).as("p = " + p).isCloseTo(exact, within(1e-8 * Math.max(1, Math.abs(exact))));
        }
    }

    @Test
    void summaryWarnsOnlyWhenALimitIsMissed() {
        assertThat(new ConvergenceSummary(1.005, 1000, 800).warnings()).isEmpty();
        assertThat(new ConvergenceSummary(1.005, 300, 800).warnings()).singleElement().asString().startsWith("bulk ESS");
        assertThat(new ConvergenceSummary(1.005, 1000, 100).warnings()).singleElement().asString().startsWith("tail ESS");
    }

    @Test
    void badInputIsRejectedByName() {
        assertThatThrownBy(() -> Rhat.rankNormalisedSplit(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain 1 has 3 draws");
        assertThatThrownBy(() -> EffectiveSampleSize.bulk(new double[][] {{1, 2, Double.NaN, 4}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain 0 draw 2 is NaN");
        assertThatThrownBy(() -> EffectiveSampleSize.tail(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> Rhat.rankNormalisedSplit(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chains is empty");
    }

    private static double[][] normalChains(int m, int n, double[] means, double sd, Rng rng) {
        double[][] chains = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                chains[c][i] = rng.nextGaussian(means[c], sd);
            }
        }
        return chains;
    }

    private static double[][][] toDraws(double[][] chains) {
        double[][][] draws = new double[chains.length][chains[0].length][1];
        for (int c = 0; c < chains.length; c++) {
            for (int i = 0; i < chains[c].length; i++) {
                draws[c][i][0] = chains[c][i];
            }
        }
        return draws;
    }
}
