package dev.amortizer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void largeReluBatchesThroughBlasAgreeWithTheRowByRowPass() {
        Rng rng = Rng.seeded(3);
        Mlp net = Mlp.create(7, List.of(50, 50), 29, HiddenActivation.RELU, null, false, rng);
        double[][] x = new double[700][7];
        for (double[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        double[][] fused = net.forward(x, 100, 700, null);
        double[][] taped = net.forward(x, 100, 700, net.newTape());
        assertThat(fused).hasNumberOfRows(600);
        for (int r = 0; r < fused.length; r++) {
            double[] row = net.forwardRow(x[100 + r]);
            assertThat(fused[r]).containsExactly(row, within(1e-10));
            assertThat(taped[r]).containsExactly(row, within(1e-10));
        }
    }
}
