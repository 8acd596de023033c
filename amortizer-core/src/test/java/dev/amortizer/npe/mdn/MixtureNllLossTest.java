package dev.amortizer.npe.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

class MixtureNllLossTest {
    private static final MixtureLayout LAYOUT = new MixtureLayout(3, 2);

    private static INDArray random(int rows, int cols, Rng rng) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.7 * rng.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    @Test
    void scoreIsTheMixtureNegativeLogDensity() {
        Rng rng = Rng.seeded(1);
        INDArray out = random(5, LAYOUT.width(), rng);
        INDArray theta = random(5, 2, rng);
        double sum = 0;
        double[] perRow = new double[5];
        for (int r = 0; r < 5; r++) {
            perRow[r] = -MixtureDensity.logDensity(LAYOUT, out.getRow(r).toDoubleVector(), 0,
                    theta.getRow(r).toDoubleVector(), 0);
            sum += perRow[r];
        }
        MixtureNllLoss loss = new MixtureNllLoss(LAYOUT);
        var identity = new ActivationIdentity();
        assertThat(loss.computeScore(theta, out, identity, null, false)).isCloseTo(sum, within(1e-12));
        assertThat(loss.computeScore(theta, out, identity, null, true)).isCloseTo(sum / 5, within(1e-12));
        assertThat(loss.computeScoreArray(theta, out, identity, null).toDoubleVector())
                .containsExactly(perRow, within(1e-12));
        var both = loss.computeGradientAndScore(theta, out, identity, null, true);
        assertThat(both.getFirst()).isCloseTo(sum / 5, within(1e-12));
        assertThat(both.getSecond().toDoubleMatrix())
                .isDeepEqualTo(loss.computeGradient(theta, out, identity, null).toDoubleMatrix());
    }

    @Test
    void gradientIsPerExampleAndMaskWeighsRows() {
        Rng rng = Rng.seeded(2);
        INDArray out = random(4, LAYOUT.width(), rng);
        INDArray theta = random(4, 2, rng);
        MixtureNllLoss loss = new MixtureNllLoss(LAYOUT);
        var identity = new ActivationIdentity();
        double[][] g = loss.computeGradient(theta, out, identity, null).toDoubleMatrix();
        for (int r = 0; r < 4; r++) {
            double[] expected = new double[LAYOUT.width()];
            MixtureDensity.logDensityAndGradient(LAYOUT, out.getRow(r).toDoubleVector(), 0,
                    theta.getRow(r).toDoubleVector(), 0, expected, 0);
            for (int j = 0; j < expected.length; j++) {
                assertThat(g[r][j]).isCloseTo(-expected[j], within(1e-12));
            }
        }
        INDArray mask = Nd4j.create(new double[] {1, 0, 1, 0.5}, new long[] {4, 1}, DataType.DOUBLE);
        double[][] masked = loss.computeGradient(theta, out, identity, mask).toDoubleMatrix();
        for (double v : masked[1]) {
            assertThat(v).isCloseTo(0.0, within(0.0));
        }
        assertThat(masked[3][0]).isCloseTo(0.5 * g[3][0], within(1e-12));
        double[] scores = loss.computeScoreArray(theta, out, identity, mask).toDoubleVector();
        assertThat(scores[1]).isCloseTo(0.0, within(0.0));
    }

    @Test
    void rejectsWrongShapes() {
        Rng rng = Rng.seeded(3);
        MixtureNllLoss loss = new MixtureNllLoss(LAYOUT);
        var identity = new ActivationIdentity();
        assertThatThrownBy(() -> loss.computeScore(random(4, 2, rng), random(4, 5, rng), identity, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width " + LAYOUT.width());
        assertThatThrownBy(() -> loss.computeScore(random(4, 3, rng), random(4, LAYOUT.width(), rng), identity,
                null, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
    }

    private static MultiLayerNetwork network(ILossFunction loss, int nOut) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE)
                .updater(new Sgd(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(loss).nIn(4).nOut(nOut).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * DL4J's contract, checked on the whole network for LossMSE and for ours alike: the gradient
     * the network computes is that of the summed per-example loss, and one SGD step moves the
     * parameters by −lr × the gradient of the mean score (the updater divides by the batch size).
     */
    @Test
    void networkGradientFollowsDl4jScalingLikeLossMse() {
        Rng rng = Rng.seeded(5);
        INDArray x = random(6, 2, rng);
        checkScaling(network(new MixtureNllLoss(LAYOUT), LAYOUT.width()), x, random(6, 2, rng));
        checkScaling(network(new LossMSE(), 2), x, random(6, 2, rng));
    }

    private static void checkScaling(MultiLayerNetwork net, INDArray x, INDArray y) {
        int n = x.rows();
        DataSet data = new DataSet(x, y);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double[] analytic = net.gradient().gradient().dup().toDoubleVector();
        assertThat(net.score()).isCloseTo(net.score(data, false), within(1e-10));
        INDArray params = net.params();
        double[] numericMean = new double[analytic.length];
        double h = 1e-6;
        for (int j = 0; j < analytic.length; j++) {
            double keep = params.getDouble(j);
            params.putScalar(j, keep + h);
            double up = net.score(data, false);
            params.putScalar(j, keep - h);
            double down = net.score(data, false);
            params.putScalar(j, keep);
            numericMean[j] = (up - down) / (2 * h);
            assertThat(analytic[j]).as("parameter %d", j)
                    .isCloseTo(n * numericMean[j], within(1e-6 + 1e-5 * Math.abs(analytic[j])));
        }
        double[] before = params.dup().toDoubleVector();
        net.fit(x, y);
        double[] after = net.params().toDoubleVector();
        for (int j = 0; j < before.length; j++) {
            assertThat(after[j] - before[j]).as("SGD step of parameter %d", j)
                    .isCloseTo(-1e-3 * numericMean[j], within(1e-9 + 1e-5 * Math.abs(numericMean[j]) * 1e-3));
        }
    }

    @Test
    void survivesTheConfigurationJsonRoundTrip() {
        MultiLayerNetwork net = network(new MixtureNllLoss(LAYOUT), LAYOUT.width());
        String json = net.getLayerWiseConfigurations().toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        var output = (BaseOutputLayer) back.getConf(1).getLayer();
        assertThat(output.getLossFn()).isEqualTo(new MixtureNllLoss(LAYOUT));
    }
}
