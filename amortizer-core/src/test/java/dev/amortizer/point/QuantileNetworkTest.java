package dev.amortizer.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantileNetworkTest {
    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    @Test
    void gradientMatchesFiniteDifferences() {
        QuantileNetwork net = QuantileNetwork.create(3, 2, LEVELS, List.of(6), HiddenActivation.TANH, Rng.seeded(4));
        Rng data = Rng.seeded(5);
        double[][] c = new double[5][3];
        double[][] z = new double[5][2];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                c[i][j] = data.nextGaussian();
            }
            for (int j = 0; j < 2; j++) {
                z[i][j] = 2 * data.nextGaussian();
            }
        }
        int[] rows = {4, 2, 0, 1, 3};
        List<double[]> params = net.parameters();
        double[][] grads = params.stream().map(a -> new double[a.length]).toArray(double[][]::new);
        net.loss(c, z, rows, 0, 5, grads);
        double h = 1e-6;
        for (int a = 0; a < params.size(); a++) {
            for (int i = 0; i < params.get(a).length; i++) {
                double keep = params.get(a)[i];
                params.get(a)[i] = keep + h;
                double up = net.loss(c, z, rows, 0, 5, null);
                params.get(a)[i] = keep - h;
                double down = net.loss(c, z, rows, 0, 5, null);
                params.get(a)[i] = keep;
                assertThat(grads[a][i]).as("array %d value %d", a, i).isCloseTo((up - down) / (2 * h), within(1e-5));
            }
        }
    }

    @Test
    void quantilesNeverCrossWhateverTheWeights() {
        QuantileNetwork net = QuantileNetwork.create(2, 3, LEVELS, List.of(8), HiddenActivation.RELU, Rng.seeded(6));
        Rng rng = Rng.seeded(7);
        for (int trial = 0; trial < 50; trial++) {
            double[][] out = net.predict(new double[] {5 * rng.nextGaussian(), 5 * rng.nextGaussian()});
            for (double[] row : out) {
                assertThat(row[1]).isLessThanOrEqualTo(row[2]);
                assertThat(row[2]).isLessThanOrEqualTo(row[3]);
            }
        }
    }
}
