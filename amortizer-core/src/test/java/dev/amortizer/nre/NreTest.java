package dev.amortizer.nre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.amortiser.QuickMcmc;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.training.TrainingSchedule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NreTest {
    static final TestTasks.LinearGaussian TASK = new TestTasks.LinearGaussian(new double[][] {{1, 0.5}, {0, 1}}, 0.5);

    @ParameterizedTest
    @EnumSource(NreLoss.class)
    void recoversTheAnalyticPosteriorMean(NreLoss loss) {
        NreConfig config = new NreConfig(loss, 5, 1.0, List.of(32, 32), HiddenActivation.RELU,
                new TrainingSchedule(128, 2e-3, 30, 8, 0.1, NreConfig.GRADIENT_CLIP, 0.5, 5));
        NrePosterior q = new Nre(config, QuickMcmc.settings()).train(TASK, 2000, Rng.seeded(3), new CostMeter());
        double[] x = {0.8, -0.4};
        CostMeter meter = new CostMeter();
        Samples s = q.sample(x, 2000, Rng.seeded(4), meter);
        double[] mean = TASK.posteriorMean(x);
        double[][] rows = s.toArray();
        for (int j = 0; j < 2; j++) {
            double m = 0;
            for (double[] r : rows) {
                m += r[j];
            }
            assertThat(m / rows.length).as("mean of θ_%d", j + 1).isCloseTo(mean[j], within(0.2));
        }
        assertThat(meter.ledger().get(Phase.QUERY).likelihoodEvaluations()).isPositive();
        assertThat(q.method()).isEqualTo("nre");
        assertThat(q.logRatio(mean, x)).isGreaterThan(q.logRatio(new double[] {mean[0] + 2, mean[1] - 2}, x));
    }
}
