package dev.amortizer.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.task.RowsLayout;
import org.junit.jupiter.api.Test;

class SortedRowsEvaluationTest {
    /** Three points in the plane, rows of two. */
    private static final double[] X = {3, 30, 1, 10, 2, 50};

    @Test
    void computesTheColumnsTheLibraryReadsForDeclaredRows() {
        double[] shuffled = {2, 50, 3, 30, 1, 10};
        double[] columns = RowsLayout.withMoments(new double[] {1, 10, 2, 50, 3, 30}, 2);
        assertThat(SortedRowsEvaluation.features(X, 2, "sorted+moments")).containsExactly(columns);
        assertThat(SortedRowsEvaluation.features(shuffled, 2, "sorted+moments")).containsExactly(columns);
        assertThat(SortedRowsEvaluation.features(shuffled, 2, "moments"))
                .containsExactly(RowsLayout.moments(new double[] {1, 10, 2, 50, 3, 30}, 2));
    }

    @Test
    void refusesAnUnknownForm() {
        assertThatThrownBy(() -> SortedRowsEvaluation.features(X, 2, "ranks")).hasMessageContaining("ranks");
    }
}
