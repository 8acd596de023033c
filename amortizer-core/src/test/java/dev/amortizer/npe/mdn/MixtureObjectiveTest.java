package dev.amortizer.npe.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.Backends;
import dev.amortizer.nn.ComputeBackend;
import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import dev.amortizer.training.FlowTrainer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MixtureObjectiveTest {
    private static final MixtureLayout LAYOUT = new MixtureLayout(3, 2);

    private static FlowTrainer.Rows rows(int n, Rng rng) {
        double[][] theta = new double[n][];
        double[][] x = new double[n][];
        for (int r = 0; r < n; r++) {
            theta[r] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
            x[r] = new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        }
        return new FlowTrainer.Rows(theta, x);
    }

    private static MixtureNetwork network(long seed) {
        return network(seed, false);
    }

    private static MixtureNetwork network(long seed, boolean shifted) {
        return MixtureNetwork.of(Mlp.create(3, List.of(8, 6), LAYOUT.width(), HiddenActivation.TANH, null, false,
                Rng.seeded(seed)), LAYOUT, shifted);
    }

    /** Mean −log q over the rows order[from … to), straight from the mixture density. */
    private static double meanLoss(MixtureObjective objective, FlowTrainer.Rows rows, int[] order, int from, int to) {
        double[][] theta = new double[to - from][];
        double[][] x = new double[to - from][];
        for (int r = from; r < to; r++) {
            theta[r - from] = rows.z()[order[r]];
            x[r - from] = rows.c()[order[r]];
        }
        double sum = 0;
        for (double lq : objective.logDensity(theta, x)) {
            sum -= lq;
        }
        return sum / (to - from);
    }

    @Test
    void theGradientIsThatOfTheMeanNegativeLogDensityOverTheMinibatch() {
        checkGradient(false);
    }

    @Test
    void withAMeanShiftTheGradientCoversItsWeightsToo() {
        assertThat(checkGradient(true)).isEqualTo(network(2).parameters().size() + 2);
    }

    /** Checks every third value of every parameter array against central differences; returns the arrays' count. */
    private static int checkGradient(boolean shifted) {
        Rng rng = Rng.seeded(1);
        FlowTrainer.Rows train = rows(40, rng);
        MixtureNetwork net = network(2, shifted);
        // A regression of θ on x plus an offset, so that A and b are away from zero and move the means.
        double[][] target = new double[40][];
        for (int r = 0; r < 40; r++) {
            target[r] = new double[] {train.z()[r][0] + 0.8 * train.c()[r][1], train.z()[r][1] - 0.5};
        }
        net.fitShift(ConditionalRows.of(target, train.c()));
        MixtureObjective objective = new MixtureObjective(net, train, rows(10, rng));
        int[] order = IntStream.range(0, 40).map(i -> 39 - i).toArray();
        double[][] analytic = objective.gradient(order, 5, 30, Rng.seeded(3));
        List<double[]> params = objective.parameters();
        double h = 1e-6;
        int checked = 0;
        for (int a = 0; a < params.size(); a++) {
            double[] p = params.get(a);
            for (int i = 0; i < p.length; i += 3) {
                double keep = p[i];
                p[i] = keep + h;
                double up = meanLoss(objective, train, order, 5, 30);
                p[i] = keep - h;
                double down = meanLoss(objective, train, order, 5, 30);
                p[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat(analytic[a][i]).as("array %d, value %d", a, i)
                        .isCloseTo(numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
        return params.size();
    }

    @Test
    void theValidationLossIsTheMeanNegativeLogDensityOfTheHeldOutRows() {
        Rng rng = Rng.seeded(4);
        FlowTrainer.Rows held = rows(2_500, rng);
        MixtureObjective objective = new MixtureObjective(network(5), rows(10, rng), held);
        double expected = meanLoss(objective, held, IntStream.range(0, 2_500).toArray(), 0, 2_500);
        assertThat(objective.validationLoss()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void theGradientIsTheSameOnEveryCallWhateverTheThreads() {
        Rng rng = Rng.seeded(6);
        FlowTrainer.Rows train = rows(101, rng);
        MixtureObjective objective = new MixtureObjective(network(7, true), train, train);
        int[] order = IntStream.range(0, 101).toArray();
        double[][] first = objective.gradient(order, 0, 101, Rng.seeded(8));
        for (int k = 0; k < 5; k++) {
            assertThat(objective.gradient(order, 0, 101, Rng.seeded(8))).isDeepEqualTo(first);
        }
    }

    @Test
    void theGradientIsTheSameThroughNd4jAsInJava() {
        Rng rng = Rng.seeded(9);
        FlowTrainer.Rows train = rows(300, rng);
        Mlp net = Mlp.create(3, List.of(64, 64), LAYOUT.width(), HiddenActivation.TANH, null, false, Rng.seeded(10));
        MixtureObjective objective = new MixtureObjective(MixtureNetwork.of(net, LAYOUT, false), train, train);
        int[] order = IntStream.range(0, 300).toArray();
        double[][] java = Backends.under(ComputeBackend.JAVA, () -> objective.gradient(order, 0, 300, null));
        double[][] nd4j = Backends.under(ComputeBackend.ND4J, () -> objective.gradient(order, 0, 300, null));
        for (int a = 0; a < java.length; a++) {
            for (int i = 0; i < java[a].length; i++) {
                assertThat(nd4j[a][i]).as("array %d, value %d", a, i)
                        .isCloseTo(java[a][i], within(1e-12 + 1e-6 * Math.abs(java[a][i])));
            }
        }
    }

    @Test
    void aNetworkOfTheWrongWidthIsRefused() {
        Mlp wrong = Mlp.create(3, List.of(4), LAYOUT.width() + 1, HiddenActivation.TANH, null, false,
                Rng.seeded(1));
        assertThatThrownBy(() -> MixtureNetwork.of(wrong, LAYOUT, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs " + LAYOUT.width());
    }
}
