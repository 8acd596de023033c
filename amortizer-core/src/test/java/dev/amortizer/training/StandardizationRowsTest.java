package dev.amortizer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.task.RowsLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columns scores read where x is exchangeable rows: ordered, then their moments where asked. */
class StandardizationRowsTest {
    /** Scores with mean 0 and sd 1 in each of {@code columns} x columns, and one θ column. */
    private static Standardization unitScores(int columns) {
        double[] sd = new double[columns];
        Arrays.fill(sd, 1);
        return Standardization.of(new double[] {0}, new double[] {1}, new double[columns], sd);
    }

    @Test
    void readsTheOrderedRowsThenTheirMoments() {
        Standardization s = unitScores(6 + 5).sortingRows(2, true);
        double[] x = {3, 30, 1, 10, 2, 50};
        double[] ordered = {1, 10, 2, 50, 3, 30};
        assertThat(s.dataLength()).isEqualTo(6);
        assertThat(s.inputWidth()).isEqualTo(11);
        assertThat(s.columns(x)).containsExactly(RowsLayout.withMoments(ordered, 2));
        assertThat(s.standardizeX(x)).containsExactly(s.columns(x)); // unit scores: x' is the columns
        assertThat(s.columnNames(List.of("a", "b", "c", "d", "e", "f"))).containsExactly("a", "b", "c", "d", "e", "f",
                "rows_mean_1", "rows_mean_2", "rows_cov_1_1", "rows_cov_1_2", "rows_cov_2_2");
        assertThat(s).isNotEqualTo(unitScores(11).sortingRows(1, false)).isEqualTo(unitScores(11).sortingRows(2, true));
        assertThat(s.toString()).contains("rowWidth=2, rowMoments");
    }

    @Test
    void refusesAnXOfAnotherLengthAndScoresThatDoNotFit() {
        Standardization s = unitScores(11).sortingRows(2, true);
        assertThatThrownBy(() -> s.standardizeX(new double[11])).hasMessageContaining("x has 11 values; these scores"
                + " read 6");
        assertThatThrownBy(() -> unitScores(6).sortingRows(2, true)).hasMessageContaining("6 columns")
                .hasMessageContaining("followed by their 5 moments");
        assertThatThrownBy(() -> unitScores(11 * 2 + 77).sortingRows(11, true))
                .hasMessageContaining("rows of at most 10");
    }

    @Test
    void aVarianceReadOnTheLogScaleThatIsZeroIsRefusedByName() {
        // the variance of the rows' first column (0-based column 8) read on the log scale
        Standardization s = unitScores(11).sortingRows(2, true).loggingX(new int[] {8});
        assertThat(s.standardizeX(new double[] {1, 0, 2, 0, 3, 0})[8]).isEqualTo(Math.log(2.0 / 3));
        assertThatThrownBy(() -> s.standardizeX(new double[] {1, 0, 1, 5, 1, 9}))
                .hasMessageContaining("the rows' moment rows_cov_1_1")
                .hasMessageContaining("every row holds the same value");
    }
}
