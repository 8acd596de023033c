package dev.amortizer.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import dev.amortizer.training.TrainingSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointEstimationTest {
    static final TestTasks.LinearGaussian TASK = new TestTasks.LinearGaussian(new double[][] {{1, 0.5}, {0, 1}}, 0.5);

    static PointConfig quick() {
        return new PointConfig(new double[] {0.05, 0.25, 0.5, 0.75, 0.95}, List.of(32, 32),
                dev.amortizer.nn.HiddenActivation.TANH, new TrainingSchedule(128, 3e-3, 60, 10, 0.1, 5.0, 0.5, 5));
    }

    @Test
    void meanIsNearTheAnalyticOneAndIntervalsCoverAsClaimed() {
        PointPosterior q = new PointEstimation(quick()).train(TASK, 4000, Rng.seeded(5), new CostMeter());
        Rng test = Rng.seeded(6);
        double[][] theta = TASK.prior().sample(1000, test);
        double[][] x = TASK.simulator().simulate(theta, test);
        double sqEstimate = 0;
        double sqAnalytic = 0;
        int covered = 0;
        for (int i = 0; i < theta.length; i++) {
            PointEstimate e = q.estimate(x[i]);
            double[] analytic = TASK.posteriorMean(x[i]);
            double[] lo = e.quantile(0.05);
            double[] hi = e.quantile(0.95);
            for (int j = 0; j < 2; j++) {
                sqEstimate += Math.pow(e.mean()[j] - theta[i][j], 2);
                sqAnalytic += Math.pow(analytic[j] - theta[i][j], 2);
                covered += lo[j] <= theta[i][j] && theta[i][j] <= hi[j] ? 1 : 0;
            }
        }
        assertThat(Math.sqrt(sqEstimate / sqAnalytic)).isLessThan(1.08);
        assertThat(covered / 2000.0).isBetween(0.86, 0.94);
    }

    @Test
    void drawsFollowTheQuantilesAndRepeatWithTheSeed() {
        PointPosterior q = new PointEstimation(quick().withEpochs(5, 5)).train(TASK, 500, Rng.seeded(7),
                new CostMeter());
        double[] x = {0.3, 0.2};
        double[][] draws = q.sample(x, 4000, Rng.seeded(8)).toArray();
        PointEstimate e = q.estimate(x);
        int below = 0;
        for (double[] d : draws) {
            below += d[0] <= e.quantile(0.25)[0] ? 1 : 0;
        }
        assertThat(below / 4000.0).isBetween(0.22, 0.28);
        assertThat(q.sample(x, 10, Rng.seeded(8)).toArray()).isDeepEqualTo(q.sample(x, 10, Rng.seeded(8)).toArray());
        assertThatThrownBy(() -> e.quantile(0.3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.3");
        assertThatThrownBy(() -> new PointConfig(new double[] {0.1, 0.9}, List.of(4),
                dev.amortizer.nn.HiddenActivation.TANH, new TrainingSchedule(8, 1e-3, 1, 1, 0.1, 5.0, 0.5, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
    }
}
