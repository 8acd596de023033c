package dev.amortizer.nre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.training.TrainingSchedule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RatioClassifierTest {
    @ParameterizedTest
    @EnumSource(NreLoss.class)
    void gradientMatchesFiniteDifferences(NreLoss loss) {
        NreConfig config = new NreConfig(loss, 3, 0.7, List.of(5), HiddenActivation.TANH,
                new TrainingSchedule(8, 1e-3, 10, 5, 0.1, NreConfig.GRADIENT_CLIP, 0.5, 5));
        RatioClassifier net = RatioClassifier.create(2, 3, List.of(5), HiddenActivation.TANH, Rng.seeded(1));
        Rng data = Rng.seeded(2);
        double[][] z = new double[7][2];
        double[][] c = new double[7][3];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 2; j++) {
                z[i][j] = data.nextGaussian();
            }
            for (int j = 0; j < 3; j++) {
                c[i][j] = data.nextGaussian();
            }
        }
        int[] rows = {6, 0, 3, 2, 5, 1, 4};
        List<double[]> params = net.parameters();
        double[][] grads = params.stream().map(a -> new double[a.length]).toArray(double[][]::new);
        net.loss(config, z, c, rows, 1, 7, grads, Rng.seeded(3));
        double h = 1e-6;
        for (int a = 0; a < params.size(); a++) {
            for (int i = 0; i < params.get(a).length; i++) {
                double keep = params.get(a)[i];
                params.get(a)[i] = keep + h;
                double up = net.loss(config, z, c, rows, 1, 7, null, Rng.seeded(3));
                params.get(a)[i] = keep - h;
                double down = net.loss(config, z, c, rows, 1, 7, null, Rng.seeded(3));
                params.get(a)[i] = keep;
                assertThat(grads[a][i]).as("array %d value %d", a, i).isCloseTo((up - down) / (2 * h),
                        org.assertj.core.api.Assertions.within(1e-6));
            }
        }
    }
}
