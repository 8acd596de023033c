package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.flow.FlowConfig;
import dev.amortizer.flow.FlowType;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.summary.SummaryType;
import dev.amortizer.task.SetLayout;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A summary architecture from a model file is built before its weights are read: it must fit the weights first. */
class SummarizedDensityRestoreTest {
    @Test
    void aSummaryNetworkTooLargeForItsWeightsIsRefusedBeforeAllocation() {
        SummaryConfig huge = new SummaryConfig(SummaryType.DEEPSETS, Collections.nCopies(400, 4096), 3, List.of(64),
                8, HiddenActivation.TANH);
        byte[] weights = ByteBuffer.allocate(4 + 64).putInt(64).array();
        FlowConfig flow = new FlowConfig(FlowType.NSF, 2, List.of(8), HiddenActivation.TANH, 8, 3);
        assertThatThrownBy(() -> SummarizedDensity.restore(flow, huge, SetLayout.of(10, 2), 2, weights))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has at least")
                .hasMessageContaining("the weights hold 64 summary bytes");
    }
}
