package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PooledDrawsTest {
    /** Chain c's t-th draw is (10c + t). */
    private static PooledDraws draws(int... lengths) {
        PooledDraws draws = new PooledDraws(lengths.length, 1);
        for (int c = 0; c < lengths.length; c++) {
            for (int t = 0; t < lengths[c]; t++) {
                draws.add(c, new double[] {10 * c + t});
            }
        }
        return draws;
    }

    @Test
    void thinsEvenlyAcrossTheChainsInOrder() {
        PooledDraws draws = draws(4, 4, 2);

        assertThat(draws.size()).isEqualTo(10);
        assertThat(draws.thinEvenly(5)).isDeepEqualTo(new double[][] {{0}, {2}, {10}, {12}, {20}});
        assertThat(draws.thinEvenly(10)).isDeepEqualTo(new double[][] {{0}, {1}, {2}, {3}, {10}, {11}, {12}, {13}, {20}, {21}});
    }

    @Test
    void repeatsEvenlyWhenAskedForMoreThanThereAre() {
        assertThat(draws(1, 2).thinEvenly(6)).isDeepEqualTo(new double[][] {{0}, {0}, {10}, {10}, {11}, {11}});
    }

    @Test
    void refusesToThinNothing() {
        assertThatThrownBy(() -> draws(0, 0).thinEvenly(3)).isInstanceOf(IllegalStateException.class);
    }
}
