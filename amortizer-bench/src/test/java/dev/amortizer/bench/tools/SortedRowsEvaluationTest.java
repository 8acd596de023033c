package dev.amortizer.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SortedRowsEvaluationTest {
    /** Three points in the plane, rows of two. */
    private static final double[] X = {3, 30, 1, 10, 2, 50};

    @Test
    void sortsRowsByTheirFirstValueKeepingEachRowWhole() {
        assertThat(SortedRowsEvaluation.features(X, 2, "sorted")).containsExactly(1, 10, 2, 50, 3, 30);
    }

    @Test
    void momentsAreTheRowsMeanThenTheirCovarianceWithDivisorTheRowCount() {
        // mean (2, 30); deviations (1, 0), (-1, -20), (0, 20)
        assertThat(SortedRowsEvaluation.features(X, 2, "moments"))
                .containsExactly(new double[] {2, 30, 2.0 / 3, 20.0 / 3, 800.0 / 3}, within(1e-12));
    }

    @Test
    void momentsDoNotDependOnTheRowsOrder() {
        double[] shuffled = {2, 50, 3, 30, 1, 10};
        assertThat(SortedRowsEvaluation.features(shuffled, 2, "sorted+moments"))
                .containsExactly(SortedRowsEvaluation.features(X, 2, "sorted+moments"), within(1e-12));
        assertThat(SortedRowsEvaluation.features(X, 2, "sorted+moments")).hasSize(6 + 5);
    }

    @Test
    void refusesAnUnknownForm() {
        assertThatThrownBy(() -> SortedRowsEvaluation.features(X, 2, "ranks")).hasMessageContaining("ranks");
    }
}
