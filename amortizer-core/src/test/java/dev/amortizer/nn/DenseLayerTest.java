package dev.amortizer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class DenseLayerTest {
    @Test
    void blasAndPlainJavaGiveTheSameProduct() {
        Rng rng = Rng.seeded(1);
        DenseLayer layer = DenseLayer.create(40, 50, null, false, rng);
        double[][] x = new double[600][40];
        for (double[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = i % 7 == 0 ? 0 : rng.nextGaussian();
            }
        }
        assertThat(BlasProduct.worthIt(600, 40, 50)).isTrue();
        double[][] blas = layer.forward(x, 50, 600);
        for (int r = 0; r < blas.length; r++) {
            assertThat(blas[r]).containsExactly(layer.forwardRow(x[50 + r]), within(1e-12));
        }
    }

    @Test
    void maskedWeightsStartAtZeroAndGetNoGradient() {
        double[][] mask = {{1, 0}, {0, 1}, {1, 1}};
        DenseLayer layer = DenseLayer.create(3, 2, mask, false, Rng.seeded(2));
        double[][] p = layer.parameters();
        assertThat(p[0][1]).isZero();
        assertThat(p[1][0]).isZero();
        double[][] grads = {new double[2], new double[2], new double[2], new double[2]};
        layer.backward(new double[][] {{1, 2, 3}}, 0, new double[][] {{0.5, -1}}, grads, false);
        assertThat(grads[0][1]).isZero();
        assertThat(grads[1][0]).isZero();
        assertThat(grads[2]).containsExactly(1.5, -3.0);
        assertThat(grads[3]).containsExactly(0.5, -1.0);
    }
}
