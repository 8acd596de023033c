package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import dev.amortizer.training.EpochReport;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.Standardization;
import dev.amortizer.training.TrainingData;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.training.TrainingSimulations;
import java.util.List;
import org.junit.jupiter.api.Test;

class NpeTest {
    private final Task task = TestTasks.box();
    private final Npe npe = new Npe(TestTasks.quickConfig().withEpochs(2, 2));

    @Test
    void tellsItsListenerHowTrainingWentAndScoresWithTheTrainingRowsOnly() {
        List<String> events = new java.util.ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void started(String label, int maxEpochs) {
                events.add("started " + label + " " + maxEpochs);
            }

            @Override
            public void epochDone(EpochReport r) {
                events.add("epoch " + r.epoch());
            }

            @Override
            public void finished(String label, TrainingOutcome o) {
                events.add("finished " + o.epochs() + " " + o.stopReason());
            }
        };
        NpePosterior q = npe.withListener(listener).train(task, 500, Rng.seeded(1), new CostMeter());
        assertThat(events).containsExactly("started NPE-mdn 2", "epoch 1", "epoch 2", "finished 2 MAX_EPOCHS");
        assertThat(q.provenance().epochs()).isEqualTo(2);

        // the scores are those TrainingData fits on the training rows (Npe.fit prepares with a split of its rng),
        // not those of all 300 pairs
        double[][] theta = task.prior().sample(300, Rng.seeded(2));
        double[][] x = task.simulator().simulate(theta, Rng.seeded(3));
        TrainingSimulations sims = new TrainingSimulations(theta, x);
        NpePosterior fitted = npe.fit(task, Samples.of(task.parameterNames(), theta), Samples.of(task.dataNames(), x),
                Rng.seeded(4), new CostMeter());
        Standardization expected = TrainingData.prepare(sims, npe.config().schedule().validationFraction(),
                InvalidSimulations.DROP, t -> t, true, Rng.seeded(4).split()).standardization();
        assertThat(fitted.standardization()).isEqualTo(expected)
                .isNotEqualTo(Standardization.fit(sims.theta(), x, java.util.stream.IntStream.range(0, 300).toArray()));
    }

    @Test
    void recordsCostsOnTheMeterAndThePosterior() {
        CostMeter meter = new CostMeter();
        NpePosterior q = npe.train(task, 500, Rng.seeded(1), meter);
        var ledger = q.costLedger();
        assertThat(ledger.get(Phase.SIMULATION).simulatorCalls()).isEqualTo(500);
        assertThat(ledger.get(Phase.SIMULATION).wallSeconds()).isPositive();
        assertThat(ledger.get(Phase.TRAINING).wallSeconds()).isPositive();
        assertThat(ledger.get(Phase.TRAINING).forwardPasses()).isEqualTo(2 * 500);
        assertThat(meter.ledger().byPhase()).isEqualTo(ledger.byPhase());
        TrainingProvenance p = q.provenance();
        assertThat(p.simulations()).isEqualTo(500);
        assertThat(p.invalidSimulations()).isZero();
        assertThat(p.epochs()).isEqualTo(2);
        assertThat(p.bestEpoch()).isBetween(1, 2);
        assertThat(p.validationLoss()).isFinite();
        assertThat(q.config()).isEqualTo(npe.config());
    }

    @Test
    void dropsAndCountsNonFiniteSimulations() {
        Rng rng = Rng.seeded(2);
        double[][] theta = task.prior().sample(300, rng);
        double[][] x = task.simulator().simulate(theta, rng);
        x[3][0] = Double.NaN;
        x[10][1] = Double.POSITIVE_INFINITY;
        x[20] = new double[] {Double.NaN, Double.NaN};
        NpePosterior q = npe.fit(task, Samples.of(task.parameterNames(), theta), Samples.of(task.dataNames(), x),
                Rng.seeded(3), new CostMeter());
        assertThat(q.provenance().simulations()).isEqualTo(300);
        assertThat(q.provenance().invalidSimulations()).isEqualTo(3);
        assertThat(q.costLedger().get(Phase.SIMULATION)).isEqualTo(Cost.ZERO);
    }

    @Test
    void rejectsPairsThatDoNotFitTheTask() {
        Samples theta2 = Samples.of(task.parameterNames(), new double[][] {{0.5, 0.5}, {0.2, 0.1}, {0.3, 0.3}});
        Samples x2 = Samples.of(task.dataNames(), new double[][] {{0.5, 0.5}, {0.2, 0.1}, {0.3, 0.3}});
        Samples three = Samples.of(List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}});
        CostMeter m = new CostMeter();
        assertThatThrownBy(() -> npe.fit(task, three, x2, Rng.seeded(1), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta has 3 columns")
                .hasMessageContaining("test_box has 2 parameters");
        assertThatThrownBy(() -> npe.fit(task, theta2, three, Rng.seeded(1), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has 3 columns");
        assertThatThrownBy(() -> npe.fit(task, theta2, x2.head(2), Rng.seeded(1), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta has 3 rows but x has 2");
        Samples nanTheta = Samples.of(task.parameterNames(), new double[][] {{0.5, 0.5}, {Double.NaN, 0}, {0, 0}});
        assertThatThrownBy(() -> npe.fit(task, nanTheta, x2, Rng.seeded(1), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta row 2");
        Samples allNan = Samples.of(task.dataNames(), new double[][] {{Double.NaN, 0}, {0, Double.NaN}, {1, 1}});
        assertThatThrownBy(() -> npe.fit(task, theta2, allNan, Rng.seeded(1), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need at least 2 pairs")
                .hasMessageContaining("2 of 3 dropped");
        assertThatThrownBy(() -> npe.train(task, 1, Rng.seeded(1), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numSimulations");
        assertThatThrownBy(() -> new Npe(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsASimulatorThatReturnsTheWrongLength() {
        Task broken = new TestTasks.LinearGaussian(new double[][] {{1, 0}, {0, 1}}, 1) {
            @Override
            public Simulator simulator() {
                return TestTasks.simulator(2, (theta, rng) -> new double[] {1, 2, 3});
            }
        };
        assertThatThrownBy(() -> npe.train(broken, 10, Rng.seeded(1), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("simulation 1 of task test_linear_gaussian returned 3 x values, expected 2");
    }

    @Test
    void samplingValidatesItsInput() {
        NpePosterior q = TestTasks.smallModel();
        assertThatThrownBy(() -> q.sample(new double[] {0.1}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects an observation of 2");
        assertThatThrownBy(() -> q.sample(new double[] {0.1, Double.NaN}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data_2");
        assertThatThrownBy(() -> q.sample(new double[] {0.1, 0.2}, -1, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be >= 0");
        assertThatThrownBy(() -> q.logDensity(new double[] {0.1}, new double[] {0.1, 0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta row 1 has 1 values");
        assertThat(q.sample(new double[] {0.1, 0.2}, 0, Rng.seeded(1)).size()).isZero();
        Samples s = q.sample(new double[] {0.1, 0.2}, 5, Rng.seeded(1));
        assertThat(s.names()).isEqualTo(q.task().parameterNames());
        assertThat(q.parameterDim()).isEqualTo(2);
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Npe small = new Npe(TestTasks.quickConfig().withEpochs(3, 3));
        NpePosterior a = small.train(task, 800, Rng.seeded(5), new CostMeter());
        NpePosterior b = small.train(task, 800, Rng.seeded(5), new CostMeter());
        NpePosterior c = small.train(task, 800, Rng.seeded(6), new CostMeter());
        assertThat(b.provenance().seed()).isEqualTo(a.provenance().seed());
        assertThat(b.provenance().validationLoss()).isEqualTo(a.provenance().validationLoss());
        assertThat(b.standardization()).isEqualTo(a.standardization());
        assertThat(params(b)).isEqualTo(params(a));
        assertThat(params(c)).isNotEqualTo(params(a));
    }

    private static double[] params(NpePosterior q) {
        return ParameterBytes.decode(q.weights()).stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
