package dev.amortizer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ND4J backward pass against the plain-Java one and against finite differences, on random layers and MLPs
 * (seeded): agreement to 1e-6 of each array's largest entry, the sums running in another order.
 */
class ComputeBackendTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void theDefaultIsTheSplitTheGoldenFilesWereMadeWith() {
        assertThat(System.getProperty(ComputeBackend.PROPERTY)).isNull();
        assertThat(ComputeBackend.selected()).isEqualTo(ComputeBackend.CLASSIC);
    }

    @Test
    void namesParseInAnyCaseAndAnUnknownOneIsRefused() {
        assertThat(ComputeBackend.parse("ND4J")).isEqualTo(ComputeBackend.ND4J);
        assertThat(ComputeBackend.parse("auto")).isEqualTo(ComputeBackend.AUTO);
        assertThat(ComputeBackend.JAVA).hasToString("java");
        assertThatThrownBy(() -> ComputeBackend.parse("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu");
        assertThatThrownBy(() -> ComputeBackend.select(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classicKeepsTheOldSplitAndAutoLeavesSmallProductsToJava() {
        assertThat(ComputeBackend.CLASSIC.forwardInNd4j(256, 16, 32)).isEqualTo(BlasProduct.worthIt(256, 16, 32))
                .isTrue();
        assertThat(ComputeBackend.CLASSIC.forwardInNd4j(255, 50, 50)).isFalse();
        assertThat(ComputeBackend.CLASSIC.backwardInNd4j(1024, 512, 512)).isFalse();
        assertThat(ShapeChoice.tooSmallToTime(256, 16, 31)).isTrue();
        assertThat(ShapeChoice.tooSmallToTime(256, 16, 32)).isFalse();
        assertThat(ShapeChoice.tooSmallToTime(0, 512, 512)).isTrue();
        assertThat(ComputeBackend.AUTO.forward(256, 16, 31, () -> "java", () -> "nd4j")).isEqualTo("java");
        assertThat(ComputeBackend.AUTO.networkInNd4j(256, 3, 5000)).isTrue();
        assertThat(ComputeBackend.JAVA.forwardInNd4j(1024, 512, 512)).isFalse();
        assertThat(ComputeBackend.JAVA.networkInNd4j(1024, 3, 500_000)).isFalse();
        assertThat(ComputeBackend.ND4J.backwardInNd4j(1, 1, 1)).isTrue();
        assertThat(ComputeBackend.ND4J.backwardInNd4j(5, 0, 3)).isFalse();
    }

    @Test
    void autoGivesJavasOutputsThroughTheTrialAndAfterIt() {
        Rng rng = Rng.seeded(13);
        DenseLayer layer = DenseLayer.create(64, 64, null, false, rng);
        double[][] x = gaussian(64, 64, rng);
        double[][] expected = layer.forward(x, 0, 64);
        ShapeChoice.reset();
        ComputeBackend.select(ComputeBackend.AUTO);
        try {
            for (int call = 0; call < 2 * (ShapeChoice.SKIPPED + ShapeChoice.TIMED) + 3; call++) {
                double[][] y = layer.forward(x, 0, 64);
                for (int r = 0; r < 64; r++) {
                    for (int j = 0; j < 64; j++) {
                        assertThat(y[r][j]).isCloseTo(expected[r][j], org.assertj.core.api.Assertions.within(1e-12));
                    }
                }
            }
            assertThat(ShapeChoice.of(false, 64, 64, 64).chosenNd4j()).isNotNull();
        } finally {
            ComputeBackend.select(ComputeBackend.CLASSIC);
            ShapeChoice.reset();
        }
    }

    @Test
    void layerGradientsAgreeBetweenJavaAndNd4j() {
        Rng rng = Rng.seeded(11);
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {1, 1, 1}, new int[] {600, 300, 300},
                new int[] {1, 300, 1}, new int[] {600, 1, 300}, new int[] {7, 3, 2}));
        for (int k = 0; k < 12; k++) {
            shapes.add(new int[] {1 + rng.nextInt(600), 1 + rng.nextInt(300), 1 + rng.nextInt(300)});
        }
        for (int[] s : shapes) {
            for (boolean masked : new boolean[] {false, true}) {
                compareLayer(s[0], s[1], s[2], masked, rng);
            }
        }
    }

    @Test
    void mlpGradientsAgreeBetweenJavaAndNd4j() {
        Rng rng = Rng.seeded(12);
        for (int k = 0; k < 6; k++) {
            int in = 1 + rng.nextInt(20);
            List<Integer> hidden = List.of(1 + rng.nextInt(300), 1 + rng.nextInt(300));
            int out = 1 + rng.nextInt(40);
            int rows = 1 + rng.nextInt(600);
            HiddenActivation act = k % 2 == 0 ? HiddenActivation.RELU : HiddenActivation.TANH;
            List<double[][]> masks = k % 3 == 0 ? masks(in, hidden, out, rng) : null;
            Mlp net = Mlp.create(in, hidden, out, act, masks, false, rng);
            double[][] x = gaussian(rows + 3, in, rng);
            double[][] gy = gaussian(rows, out, rng);
            Result java = Backends.under(ComputeBackend.JAVA, () -> mlpPass(net, x, gy));
            Result nd4j = Backends.under(ComputeBackend.ND4J, () -> mlpPass(net, x, gy));
            assertClose(nd4j.output, java.output);
            assertClose(nd4j.input, java.input);
            assertClose(nd4j.grads, java.grads);
            double[][] fused = Backends.under(ComputeBackend.ND4J, () -> net.forward(x, 3, rows + 3, null));
            assertClose(fused, java.output);
        }
    }

    @Test
    void nd4jGradientsMatchFiniteDifferences() {
        Rng rng = Rng.seeded(13);
        Mlp net = Mlp.create(3, List.of(7, 5), 2, HiddenActivation.TANH, null, false, rng);
        double[][] x = gaussian(9, 3, rng);
        double[][] c = gaussian(9, 2, rng);
        Result analytic = Backends.under(ComputeBackend.ND4J, () -> mlpPass(net, x, c));
        List<double[]> params = net.parameters();
        double h = 1e-6;
        for (int a = 0; a < params.size(); a++) {
            double[] p = params.get(a);
            for (int i = 0; i < p.length; i++) {
                double keep = p[i];
                p[i] = keep + h;
                double up = Backends.under(ComputeBackend.ND4J, () -> weightedSum(net, x, c));
                p[i] = keep - h;
                double down = Backends.under(ComputeBackend.ND4J, () -> weightedSum(net, x, c));
                p[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat(analytic.grads[a][i]).as("parameter %d[%d]", a, i)
                        .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6 * (1 + Math.abs(numeric))));
            }
        }
    }

    private record Result(double[][] output, double[][] input, double[][] grads) {
    }

    private static void compareLayer(int rows, int in, int out, boolean masked, Rng rng) {
        double[][] mask = masked ? randomMask(in, out, rng) : null;
        DenseLayer layer = DenseLayer.create(in, out, mask, false, rng);
        double[][] x = gaussian(rows + 2, in, rng);
        double[][] gy = gaussian(rows, out, rng);
        Result java = Backends.under(ComputeBackend.JAVA, () -> layerPass(layer, x, gy));
        Result nd4j = Backends.under(ComputeBackend.ND4J, () -> layerPass(layer, x, gy));
        assertClose(nd4j.output, java.output);
        assertClose(nd4j.input, java.input);
        assertClose(nd4j.grads, java.grads);
        if (masked) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    if (mask[i][j] == 0) {
                        assertThat(nd4j.grads[i][j]).isZero();
                    }
                }
            }
        }
    }

    private static Result layerPass(DenseLayer layer, double[][] x, double[][] gy) {
        double[][] y = layer.forward(x, 2, x.length);
        double[][] grads = new double[layer.inputDim() + 1][layer.outputDim()];
        double[][] gx = layer.backward(x, 2, gy, grads, true);
        return new Result(y, gx, grads);
    }

    private static Result mlpPass(Mlp net, double[][] x, double[][] gy) {
        Mlp.Tape tape = net.newTape();
        int from = x.length - gy.length;
        double[][] y = net.forward(x, from, x.length, tape);
        List<double[]> params = net.parameters();
        double[][] grads = new double[params.size()][];
        for (int a = 0; a < grads.length; a++) {
            grads[a] = new double[params.get(a).length];
        }
        double[][] gx = net.backward(tape, gy, grads, 0, true);
        return new Result(y, gx, grads);
    }

    /** Σ c ⊙ net(x), whose gradient in the parameters is what back-propagating c gives. */
    private static double weightedSum(Mlp net, double[][] x, double[][] c) {
        double[][] y = net.forward(x, 0, x.length, net.newTape());
        double s = 0;
        for (int r = 0; r < y.length; r++) {
            for (int j = 0; j < y[r].length; j++) {
                s += c[r][j] * y[r][j];
            }
        }
        return s;
    }

    /** Each array within TOLERANCE of its largest entry in absolute value. */
    private static void assertClose(double[][] actual, double[][] expected) {
        assertThat(actual).hasSameDimensionsAs(expected);
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int r = 0; r < expected.length; r++) {
            for (int j = 0; j < expected[r].length; j++) {
                assertThat(Math.abs(actual[r][j] - expected[r][j])).as("entry [%d][%d]", r, j)
                        .isLessThanOrEqualTo(TOLERANCE * scale);
            }
        }
    }

    private static List<double[][]> masks(int in, List<Integer> hidden, int out, Rng rng) {
        List<double[][]> m = new ArrayList<>();
        int width = in;
        for (int next : hidden) {
            m.add(randomMask(width, next, rng));
            width = next;
        }
        m.add(randomMask(width, out, rng));
        return m;
    }

    private static double[][] randomMask(int in, int out, Rng rng) {
        double[][] m = new double[in][out];
        for (double[] row : m) {
            for (int j = 0; j < out; j++) {
                row[j] = rng.nextDouble() < 0.6 ? 1 : 0;
            }
        }
        return m;
    }

    private static double[][] gaussian(int rows, int cols, Rng rng) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return a;
    }
}
