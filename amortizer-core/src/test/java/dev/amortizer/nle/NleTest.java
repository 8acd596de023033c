package dev.amortizer.nle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.amortiser.QuickMcmc;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.flow.FlowType;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class NleTest {
    static final TestTasks.LinearGaussian TASK = new TestTasks.LinearGaussian(new double[][] {{1, 0.5}, {0, 1}}, 0.5);

    static NpeConfig quickFlow() {
        return NpeConfig.defaults(Estimator.MAF)
                .withFlow(FlowConfig.defaults(FlowType.MAF).withTransforms(2).withHidden(List.of(16, 16),
                        HiddenActivation.TANH))
                .withEpochs(40, 10);
    }

    @Test
    void recoversTheAnalyticPosteriorAndCountsTheQueryMcmc() {
        NlePosterior q = new Nle(quickFlow(), QuickMcmc.settings())
                .train(TASK, 2000, Rng.seeded(1), new CostMeter());
        double[] x = {0.8, -0.4};
        CostMeter meter = new CostMeter();
        Samples s = q.sample(x, 2000, Rng.seeded(2), meter);
        double[] mean = TASK.posteriorMean(x);
        double[][] cov = TASK.posteriorCovariance();
        double[][] rows = s.toArray();
        for (int j = 0; j < 2; j++) {
            double m = 0;
            for (double[] r : rows) {
                m += r[j];
            }
            m /= rows.length;
            double v = 0;
            for (double[] r : rows) {
                v += (r[j] - m) * (r[j] - m);
            }
            v /= rows.length - 1;
            assertThat(m).as("mean of θ_%d", j + 1).isCloseTo(mean[j], within(0.15));
            assertThat(Math.sqrt(v)).as("sd of θ_%d", j + 1).isCloseTo(Math.sqrt(cov[j][j]), within(0.1));
        }
        assertThat(meter.ledger().get(Phase.QUERY).likelihoodEvaluations())
                .isGreaterThanOrEqualTo(QuickMcmc.settings().chains().startDraws());
        assertThat(q.method()).isEqualTo("nle");
        assertThat(q.costLedger().get(Phase.SIMULATION).simulatorCalls()).isEqualTo(2000);
        assertThat(q.sample(x, 50, Rng.seeded(9)).toArray()).isDeepEqualTo(q.sample(x, 50, Rng.seeded(9)).toArray());
    }

    @Test
    void refusesTheMdnAndABadObservation() {
        assertThatThrownBy(() -> Nle.defaultConfig(Estimator.MDN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flow");
        NlePosterior q = new Nle(quickFlow().withEpochs(1, 1), QuickMcmc.settings())
                .train(TASK, 200, Rng.seeded(1), new CostMeter());
        assertThatThrownBy(() -> q.sample(new double[] {1}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
    }
}
