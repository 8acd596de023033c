package dev.amortizer.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.device.ComputeEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ledger may say where its costs were measured, and keeps saying it when added to. */
class CostLedgerTest {
    private static final ComputeEnvironment HERE = new ComputeEnvironment("nd4j-native", "a CPU", "none", "1", 2,
            "17", "auto");

    @Test
    void theDeviceIsOptionalAndSurvivesAddition() {
        CostLedger plain = CostLedger.of(Map.of(Phase.TRAINING, new Cost(1, 1, 0, 0, 0, 0, 0)));
        assertThat(plain.device()).isNull();
        CostLedger measured = plain.on(HERE);
        assertThat(measured.device()).isEqualTo(HERE);
        assertThat(measured.byPhase()).isEqualTo(plain.byPhase());
        assertThat(measured.plus(plain).device()).isEqualTo(HERE);
        assertThat(plain.plus(measured).device()).isEqualTo(HERE);
        assertThat(plain.plus(plain).device()).isNull();
        assertThat(measured.toString()).contains("on nd4j-native on a CPU");
    }
}
