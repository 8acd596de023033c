package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnytimeAnswerTest {
    private static final Samples SAMPLES = Samples.of(List.of("a"), new double[][] {{1}});

    @Test
    void keepsDiagnosticsInOrderAndUnmodifiable() {
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("z", 1.0);
        diagnostics.put("a", 2.0);
        Cost query = new Cost(1, 1, 10, 0, 0, 0, 0);

        AnytimeAnswer answer = new AnytimeAnswer(10, SAMPLES, CostLedger.of(Map.of(Phase.QUERY, query)), diagnostics);
        diagnostics.put("later", 3.0);

        assertThat(answer.diagnostics().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> answer.diagnostics().put("x", 0.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(answer.queryCost()).isEqualTo(query);
        assertThat(BudgetUnit.SIMULATOR_CALLS.spent(query)).isEqualTo(10);
    }

    @Test
    void refusesANonPositiveBudgetOrMissingParts() {
        assertThatThrownBy(() -> new AnytimeAnswer(0, SAMPLES, CostLedger.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget is 0");
        assertThatThrownBy(() -> new AnytimeAnswer(1, null, CostLedger.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
    }
}
