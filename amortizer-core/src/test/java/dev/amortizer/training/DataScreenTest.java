package dev.amortizer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.random.Rng;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The screen ignores columns θ does not drive, whatever their distribution, and keeps those it drives through their
 * location, their spread or a discrete outcome; it screens nothing when there are too few pairs or nothing to keep.
 */
class DataScreenTest {
    private static final int D = 3;

    /**
     * Columns: 0 θ₁ + noise; 1 a heavy-tailed distractor (Student-t, 2 degrees of freedom); 2 a spread that grows
     * with θ₂ (its mean free of θ); 3 a coin whose bias follows θ₁ − θ₃; 4 a constant; 5 a uniform distractor;
     * 6 θ₂θ₃ + noise (an interaction only).
     */
    private static double[][][] pairs(int n, long seed) {
        Rng rng = Rng.seeded(seed);
        double[][] z = new double[n][D];
        double[][] x = new double[n][7];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < D; i++) {
                z[r][i] = rng.nextGaussian();
            }
            double chi2 = Math.pow(rng.nextGaussian(), 2) + Math.pow(rng.nextGaussian(), 2);
            x[r][0] = z[r][0] + 2 * rng.nextGaussian();
            x[r][1] = rng.nextGaussian() / Math.sqrt(chi2 / 2);
            x[r][2] = Math.exp(0.5 * z[r][1]) * rng.nextGaussian();
            x[r][3] = rng.nextDouble() < 1 / (1 + Math.exp(-(z[r][0] - z[r][2]))) ? 1 : 0;
            x[r][4] = 4.5;
            x[r][5] = rng.nextDouble();
            x[r][6] = z[r][1] * z[r][2] + rng.nextGaussian();
        }
        return new double[][][] {z, x};
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    @Test
    void ignoresTheColumnsThetaDoesNotDriveAndKeepsTheRest() {
        for (long seed = 1; seed <= 3; seed++) {
            double[][][] p = pairs(6_000, seed);
            DataScreen.Result r = DataScreen.screen(p[0], p[1], all(6_000));
            assertThat(r.ignored()).as("seed %d", seed).containsExactly(1, 4, 5);
            assertThat(r.strength()[0]).isGreaterThan(1);
            assertThat(r.strength()[4]).isZero(); // a constant explains nothing
        }
    }

    @Test
    void onlyTheRowsGivenCountAndOtherRowsMayBeMissing() {
        double[][][] p = pairs(9_000, 4);
        int[] rows = IntStream.range(0, 9_000).filter(r -> r % 3 != 0).toArray();
        for (int r = 0; r < 9_000; r += 3) {
            p[0][r] = null;
            p[1][r] = null;
        }
        assertThat(DataScreen.uninformativeColumns(p[0], p[1], rows)).containsExactly(1, 4, 5);
    }

    @Test
    void screensNothingOnTooFewPairsOrWhenNothingWouldBeKept() {
        // 3 parameters, 9 coefficients: on 2,000 rows a column needs R² = 0.018 to reach the critical value
        double[][][] p = pairs(2_000, 5);
        assertThat(DataScreen.screen(p[0], p[1], all(2_000)).ignored()).isEmpty();
        assertThat(DataScreen.screen(p[0], p[1], all(2_000)).strength()).isEmpty();
        double[][] noise = new double[6_000][2];
        Rng rng = Rng.seeded(6);
        for (double[] row : noise) {
            row[0] = rng.nextGaussian();
            row[1] = rng.nextDouble();
        }
        assertThat(DataScreen.uninformativeColumns(pairs(6_000, 6)[0], noise, all(6_000))).isEmpty();
    }

    @Test
    void theStandardisationScoresIgnoredColumnsZero() {
        Standardization s = Standardization.of(new double[] {0}, new double[] {1}, new double[] {1, 2, 3},
                new double[] {2, 2, 2});
        Standardization screened = s.ignoringX(new int[] {0, 2});
        assertThat(screened.standardizeX(new double[] {9, 4, -7})).containsExactly(0, 1, 0);
        assertThat(s.standardizeX(new double[] {9, 4, -7})).containsExactly(4, 1, -5);
        assertThat(screened).isNotEqualTo(s).isEqualTo(s.ignoringX(new int[] {0, 2}));
        assertThat(screened.ignoredX()).containsExactly(0, 2);
        assertThat(s.ignoredX()).isEmpty();
        for (int[] bad : new int[][] {{0, 1, 2}, {3}, {-1}, {2, 0}, {1, 1}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.ignoringX(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
