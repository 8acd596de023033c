package dev.amortizer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsLayoutTest {
    @Test
    void ordersRowsByTheirFirstValueThenTheNextKeepingEachRowWhole() {
        double[] x = {3, 1, 1, 9, 1, 2, -4, 7};
        assertThat(RowsLayout.canonical(x, 2)).containsExactly(-4, 7, 1, 2, 1, 9, 3, 1);
        assertThat(x).containsExactly(3, 1, 1, 9, 1, 2, -4, 7); // a copy: the caller's x is left as it is
        assertThat(RowsLayout.inCanonicalOrder(x, 2)).isFalse();
        assertThat(RowsLayout.inCanonicalOrder(RowsLayout.canonical(x, 2), 2)).isTrue();
        assertThat(RowsLayout.canonical(x, 1)).containsExactly(-4, 1, 1, 1, 2, 3, 7, 9);
    }

    @Test
    void everyOrderOfTheSameRowsGivesTheSameCanonicalX() {
        RowsLayout layout = new RowsLayout(5, 3);
        Rng rng = Rng.seeded(11);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(new double[] {Math.floor(2 * rng.nextDouble()), rng.nextGaussian(), rng.nextGaussian()});
        }
        double[] first = layout.canonical(flat(rows));
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(rows, new java.util.Random(trial));
            assertThat(layout.canonical(flat(rows))).containsExactly(first);
        }
    }

    @Test
    void countsMinusZeroAsZero() {
        double[] x = {0.0, 1, -0.0, 2};
        assertThat(RowsLayout.inCanonicalOrder(x, 2)).isTrue();
        assertThat(RowsLayout.canonical(x, 2)).containsExactly(x);
        assertThatThrownBy(() -> RowsLayout.inCanonicalOrder(x, 0)).hasMessageContaining("rows of 0");
        assertThatThrownBy(() -> RowsLayout.inCanonicalOrder(x, 3)).hasMessageContaining("rows of 3");
    }

    @Test
    void namesAndChecksTheFlatX() {
        RowsLayout layout = new RowsLayout(2, 2);
        assertThat(layout.flatLength()).isEqualTo(4);
        assertThat(layout.columnNames()).containsExactly("y_1_1", "y_1_2", "y_2_1", "y_2_2");
        assertThatThrownBy(() -> layout.canonical(new double[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 rows of 2 values are 4 values, got 5");
        assertThatThrownBy(() -> RowsLayout.canonical(new double[5], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole number of rows of 2");
    }

    @Test
    void refusesFewerThanTwoRowsAndImpossibleWidths() {
        assertThatThrownBy(() -> new RowsLayout(1, 4)).hasMessageContaining("rows must be in 2..100000, got 1");
        assertThatThrownBy(() -> new RowsLayout(3, 0)).hasMessageContaining("width must be in 1..10000, got 0");
        assertThatThrownBy(() -> new RowsLayout(100_001, 1)).hasMessageContaining("rows");
    }

    @Test
    void momentsAreTheRowsMeanThenTheirCovarianceWithDivisorTheRowCount() {
        // three points in the plane: mean (2, 30); deviations (1, 0), (-1, -20), (0, 20)
        double[] x = {3, 30, 1, 10, 2, 50};
        assertThat(RowsLayout.moments(x, 2)).containsExactly(new double[] {2, 30, 2.0 / 3, 20.0 / 3, 800.0 / 3},
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(RowsLayout.withMoments(x, 2)).hasSize(6 + RowsLayout.momentCount(2)).startsWith(x);
        assertThat(RowsLayout.momentNames(2)).containsExactly("rows_mean_1", "rows_mean_2", "rows_cov_1_1",
                "rows_cov_1_2", "rows_cov_2_2");
        assertThat(RowsLayout.momentCount(3)).isEqualTo(3 + 6).isEqualTo(RowsLayout.momentNames(3).size());
        assertThatThrownBy(() -> RowsLayout.moments(new double[5], 2)).hasMessageContaining("rows of 2");
    }

    @Test
    void theMomentsOfCanonicalRowsAreTheSameBitForBitWhateverTheOrderGiven() {
        RowsLayout layout = new RowsLayout(6, 2);
        Rng rng = Rng.seeded(5);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(new double[] {rng.nextGaussian(), 1e6 * rng.nextGaussian()});
        }
        double[] first = RowsLayout.moments(layout.canonical(flat(rows)), 2);
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(rows, new java.util.Random(trial));
            assertThat(RowsLayout.moments(layout.canonical(flat(rows)), 2)).containsExactly(first);
        }
    }

    private static double[] flat(List<double[]> rows) {
        return rows.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
