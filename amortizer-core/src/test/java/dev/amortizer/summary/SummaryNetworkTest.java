package dev.amortizer.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.SeriesLayout;
import dev.amortizer.task.SetLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both summary networks: exact gradients, save/load round trip; DeepSets: invariant to order, blind to padding. */
class SummaryNetworkTest {
    static final SetLayout SET = SetLayout.of(7, 3);
    static final SeriesLayout SERIES = new SeriesLayout(23, 2);

    static SummaryConfig config(SummaryType type) {
        return type == SummaryType.DEEPSETS
                ? new SummaryConfig(type, List.of(6, 5), 0, List.of(7), 4, HiddenActivation.TANH)
                : new SummaryConfig(type, List.of(3, 4), 3, List.of(6), 4, HiddenActivation.TANH);
    }

    static DataLayout layout(SummaryType type) {
        return type == SummaryType.DEEPSETS ? SET : SERIES;
    }

    static double[][] data(SummaryType type, int n, Rng rng) {
        double[][] x = new double[n][];
        for (int r = 0; r < n; r++) {
            if (type == SummaryType.DEEPSETS) {
                double[][] rows = new double[1 + rng.nextInt(SET.maxSize())][SET.width()];
                for (double[] row : rows) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = 3 + 2 * rng.nextGaussian();
                    }
                }
                x[r] = SET.encode(rows);
            } else {
                x[r] = new double[SERIES.flatLength()];
                for (int i = 0; i < x[r].length; i++) {
                    x[r][i] = Math.sin(i / 3.0) + rng.nextGaussian();
                }
            }
        }
        return x;
    }

    static SummaryNetwork network(SummaryType type, long seed) {
        Rng rng = Rng.seeded(seed);
        return SummaryNetworks.create(config(type), layout(type), data(type, 40, rng), rng);
    }

    /** L = Σ_r Σ_k w_rk s_rk(x_r). */
    static double weightedSum(SummaryNetwork net, double[][] x, double[][] w) {
        double[][] s = net.summarize(x);
        double sum = 0;
        for (int r = 0; r < s.length; r++) {
            for (int k = 0; k < s[r].length; k++) {
                sum += w[r][k] * s[r][k];
            }
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(SummaryType.class)
    void parameterGradientsMatchFiniteDifferences(SummaryType type) {
        SummaryNetwork net = network(type, 1);
        Rng rng = Rng.seeded(2);
        double[][] x = data(type, 5, rng);
        double[][] w = new double[5][net.outputDim()];
        for (double[] row : w) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        List<double[]> params = net.parameters();
        double[][] grads = params.stream().map(p -> new double[p.length]).toArray(double[][]::new);
        SummaryNetwork.Pass pass = net.forward(x);
        assertThat(pass.output()).isDeepEqualTo(net.summarize(x));
        pass.backward(w, grads);
        int checked = 0;
        for (int a = 0; a < params.size(); a++) {
            double[] p = params.get(a);
            for (int i = 0; i < p.length; i += 2) {
                double old = p[i];
                double h = 1e-6;
                p[i] = old + h;
                double up = weightedSum(net, x, w);
                p[i] = old - h;
                double down = weightedSum(net, x, w);
                p[i] = old;
                double numeric = (up - down) / (2 * h);
                assertThat(grads[a][i]).as("%s array %d entry %d", type, a, i)
                        .isCloseTo(numeric, within(1e-6 + 1e-5 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @ParameterizedTest
    @EnumSource(SummaryType.class)
    void restoredNetworkGivesIdenticalSummaries(SummaryType type) {
        SummaryNetwork net = network(type, 3);
        SummaryNetwork copy = SummaryNetworks.restore(net.config(), layout(type), net.parameterBytes());
        double[][] x = data(type, 10, Rng.seeded(4));
        assertThat(copy.summarize(x)).isDeepEqualTo(net.summarize(x));
        byte[] truncated = java.util.Arrays.copyOf(net.parameterBytes(), 40);
        assertThatThrownBy(() -> SummaryNetworks.restore(net.config(), layout(type), truncated))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary");
    }

    @Test
    void deepSetsIgnoreTheOrderOfRowsAndNeverReadPadding() {
        SummaryNetwork net = network(SummaryType.DEEPSETS, 5);
        double[][] rows = {{1, 2, 3}, {-1, 0.5, 2}, {4, 4, 4}};
        double[][] shuffled = {rows[2], rows[0], rows[1]};
        double[] a = net.summarize(new double[][] {SET.encode(rows)})[0];
        double[] b = net.summarize(new double[][] {SET.encode(shuffled)})[0];
        assertThat(b).containsExactly(a, within(1e-12));
        double[][] bigger = {rows[0], rows[1], rows[2], {9, 9, 9}};
        double[] c = net.summarize(new double[][] {SET.encode(bigger)})[0];
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void deepSetsRejectASetSizeOutOfRangeNamingTheRow() {
        SummaryNetwork net = network(SummaryType.DEEPSETS, 6);
        double[] x = SET.encode(new double[][] {{1, 2, 3}});
        x[0] = 0;
        assertThatThrownBy(() -> net.summarize(new double[][] {SET.encode(new double[][] {{1, 1, 1}}), x}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("set_size");
    }

    @Test
    void aSetLayoutRefusesPaddingThatDisagreesWithTheSize() {
        double[] x = SET.encode(new double[][] {{1, 2, 3}, {4, 5, 6}});
        x[0] = 1;
        assertThatThrownBy(() -> SET.check(x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2").hasMessageContaining("padding");
        assertThatThrownBy(() -> SET.encode(new double[0][])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void eachNetworkNeedsItsLayout() {
        assertThatThrownBy(() -> SummaryNetworks.create(config(SummaryType.CONV), SET, data(SummaryType.DEEPSETS, 3,
                Rng.seeded(1)), Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time series");
        assertThatThrownBy(() -> SummaryNetworks.create(config(SummaryType.DEEPSETS), SET, new double[0][],
                Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void aSeriesTooShortForTheConvolutionsIsNamed() {
        SummaryConfig deep = new SummaryConfig(SummaryType.CONV, List.of(4, 4, 4), 5, List.of(), 2,
                HiddenActivation.RELU);
        SeriesLayout shortSeries = new SeriesLayout(12, 1);
        assertThatThrownBy(() -> SummaryNetworks.create(deep, shortSeries, new double[][] {new double[12]},
                Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
    }

    @ParameterizedTest
    @EnumSource(SummaryType.class)
    void theSameSeedGivesTheSameNetwork(SummaryType type) {
        double[][] x = data(type, 6, Rng.seeded(9));
        assertThat(network(type, 8).summarize(x)).isDeepEqualTo(network(type, 8).summarize(x));
    }
}
