package dev.amortizer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training loop: events in order, the outcome's stop reason, the best weights left in place, the row orders. */
class EpochLoopTest {
    /** Minimises (w − 3)² with the gradient exact; the validation loss is the same function. */
    private static EpochLoop.Objective quadratic(double[] w) {
        return new EpochLoop.Objective() {
            @Override
            public List<double[]> parameters() {
                return List.of(w);
            }

            @Override
            public double[][] gradient(int[] rows, int from, int to, Rng rng) {
                return new double[][] {{2 * (w[0] - 3)}};
            }

            @Override
            public double validationLoss() {
                return (w[0] - 3) * (w[0] - 3);
            }
        };
    }

    @Test
    void reportsEveryEpochAndStopsAtTheCapWhileImproving() {
        double[] w = {0};
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void started(String label, int maxEpochs) {
                events.add("start " + label + " " + maxEpochs);
            }

            @Override
            public void epochDone(EpochReport r) {
                events.add("epoch " + r.epoch() + " best @" + r.bestEpoch());
            }

            @Override
            public void finished(String label, TrainingOutcome o) {
                events.add("end " + o.epochs() + " " + o.stopReason());
            }
        };
        TrainingSchedule schedule = new TrainingSchedule(4, 0.1, 5, 3, 0.1, 100, 1, 1);
        TrainingOutcome o = EpochLoop.runReshuffling("test", schedule, quadratic(w), new int[] {0, 1, 2, 3},
                Rng.seeded(1), listener);
        assertThat(events).containsExactly("start test 5", "epoch 1 best @1", "epoch 2 best @2", "epoch 3 best @3",
                "epoch 4 best @4", "epoch 5 best @5", "end 5 MAX_EPOCHS");
        assertThat(o.bestEpoch()).isEqualTo(5);
        assertThat(o.bestValidationLoss()).isEqualTo((w[0] - 3) * (w[0] - 3));
        assertThat(o.wallSeconds()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void stopsForPatienceAndKeepsTheBestWeights() {
        double[] w = {0};
        double[] losses = {5, 4, 6, 7, 1};
        List<Double> weightsSeen = new ArrayList<>();
        EpochLoop.Objective scripted = new EpochLoop.Objective() {
            @Override
            public List<double[]> parameters() {
                return List.of(w);
            }

            @Override
            public double[][] gradient(int[] rows, int from, int to, Rng rng) {
                return new double[][] {{1}}; // w moves every epoch, so the best epoch's weights can be told apart
            }

            @Override
            public double validationLoss() {
                weightsSeen.add(w[0]);
                return losses[weightsSeen.size() - 1];
            }
        };
        TrainingSchedule schedule = new TrainingSchedule(4, 0.1, 50, 2, 0.1, 5, 1, 1);
        TrainingOutcome o = EpochLoop.runReshuffling("test", schedule, scripted, new int[] {0},
                Rng.seeded(1), TrainingListener.NONE);
        assertThat(o.stopReason()).isEqualTo(TrainingOutcome.StopReason.PATIENCE);
        assertThat(o.epochs()).isEqualTo(4);
        assertThat(o.bestEpoch()).isEqualTo(2);
        assertThat(o.bestValidationLoss()).isEqualTo(4);
        assertThat(w[0]).isEqualTo(weightsSeen.get(1)).isNotEqualTo(weightsSeen.get(3));
    }

    /** Rows and step generators of every minibatch, as the objective sees them. */
    private static EpochLoop.Objective recording(double[] w, List<String> steps) {
        return new EpochLoop.Objective() {
            @Override
            public List<double[]> parameters() {
                return List.of(w);
            }

            @Override
            public double[][] gradient(int[] rows, int from, int to, Rng rng) {
                steps.add(Arrays.toString(Arrays.copyOfRange(rows, from, to)) + " " + rng.nextLong());
                return new double[][] {{1}};
            }

            @Override
            public double validationLoss() {
                return -steps.size(); // a new best every epoch
            }
        };
    }

    @Test
    void reshufflingCarriesEachEpochsOrderAndFreshRunsStartFromTheRows() {
        TrainingSchedule schedule = new TrainingSchedule(3, 0.1, 4, 10, 0.1, 5, 1, 1);
        int[] rows = {7, 2, 9, 4, 5};
        List<String> carried = new ArrayList<>();
        EpochLoop.runReshuffling("t", schedule, recording(new double[1], carried), rows, Rng.seeded(3),
                TrainingListener.NONE);
        List<String> fresh = new ArrayList<>();
        EpochLoop.run("t", schedule, recording(new double[1], fresh), 5, 0, Rng.seeded(3), null,
                TrainingListener.NONE);
        // what each epoch sees, computed the way the loop is documented to: epoch e's generator is the e-th split
        List<String> expectCarried = new ArrayList<>();
        List<String> expectFresh = new ArrayList<>();
        Rng a = Rng.seeded(3);
        Rng b = Rng.seeded(3);
        int[] order = rows.clone();
        for (int e = 0; e < 4; e++) {
            Rng epochA = a.split();
            epochA.shuffle(order);
            Rng epochB = b.split();
            int[] identity = {0, 1, 2, 3, 4};
            epochB.shuffle(identity);
            for (int from = 0; from < 5; from += 3) {
                int to = Math.min(5, from + 3);
                expectCarried.add(Arrays.toString(Arrays.copyOfRange(order, from, to)) + " "
                        + epochA.split().nextLong());
                expectFresh.add(Arrays.toString(Arrays.copyOfRange(identity, from, to)) + " "
                        + epochB.split().nextLong());
            }
        }
        assertThat(carried).isEqualTo(expectCarried);
        assertThat(fresh).isEqualTo(expectFresh);
    }

    @Test
    void aScheduleOutOfRangeIsRefusedByName() {
        assertThatThrownBy(() -> new TrainingSchedule(0, 1e-3, 5, 3, 0.1, 5, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new TrainingSchedule(8, 1e-3, 5, 3, 0.1, Double.NaN, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gradientClip");
    }
}
