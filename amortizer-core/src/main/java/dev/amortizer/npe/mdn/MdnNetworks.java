package dev.amortizer.npe.mdn;

import dev.amortizer.nn.HiddenActivation;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Builds the mixture density network: x → dense hidden layers → an identity output layer of
 * {@link MixtureLayout#width()} mixture parameters, trained with {@link MixtureNllLoss} by Adam with
 * the L2 norm of each layer's gradient clipped.
 */
public final class MdnNetworks {
    /**
     * The one dtype of every network: a FLOAT training step costs about 20% less CPU than a DOUBLE one
     * (batch 512, two layers of 64), and the loss and single-row forward passes run in double on
     * copies anyway.
     */
    public static final DataType DATA_TYPE = DataType.FLOAT;

    private MdnNetworks() {
    }

    /** A freshly initialised network; {@code seed} fixes its weights. */
    public static MultiLayerNetwork create(int inputDim, List<Integer> hiddenWidths, HiddenActivation activation,
                                           MixtureLayout layout, double learningRate, double gradientClip, long seed) {
        var list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DATA_TYPE)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(gradientClip)
                .list();
        int in = inputDim;
        for (int width : hiddenWidths) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(activation.dl4j()).build());
            in = width;
        }
        list.layer(new OutputLayer.Builder(new MixtureNllLoss(layout))
                .nIn(in).nOut(layout.width()).activation(Activation.IDENTITY).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /**
     * Overwrites the network's weights with {@code parameters}: per layer the nIn × nOut weight matrix row-major,
     * then the bias ({@link DenseForward#parameters()}'s layout); a count or length that does not fit is named.
     */
    public static void setWeights(MultiLayerNetwork net, List<double[]> parameters) {
        if (parameters.size() != 2 * net.getnLayers()) {
            throw new IllegalArgumentException("the weights hold " + parameters.size() + " arrays; the network has "
                    + net.getnLayers() + " layers, so needs " + 2 * net.getnLayers());
        }
        for (int l = 0; l < net.getnLayers(); l++) {
            INDArray w = net.getLayer(l).getParam("W");
            INDArray b = net.getLayer(l).getParam("b");
            if (parameters.get(2 * l).length != w.length() || parameters.get(2 * l + 1).length != b.length()) {
                throw new IllegalArgumentException("layer " + l + " has " + w.length() + " weights and " + b.length()
                        + " biases, the given arrays " + parameters.get(2 * l).length + " and "
                        + parameters.get(2 * l + 1).length);
            }
            // assign writes through the layer's views into the network's one parameter vector
            w.assign(matrix(parameters.get(2 * l), (int) w.rows(), (int) w.columns(), w.dataType()));
            b.assign(matrix(parameters.get(2 * l + 1), (int) b.rows(), (int) b.columns(), b.dataType()));
        }
    }

    /**
     * A rows × cols array of {@code type} holding row-major {@code values}. Narrowing to float here, in
     * one loop, avoids ND4J's element-by-element conversion, which showed up in training profiles.
     */
    public static INDArray matrix(double[] values, int rows, int cols, DataType type) {
        long[] shape = {rows, cols};
        if (type == DataType.FLOAT) {
            float[] narrow = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                narrow[i] = (float) values[i];
            }
            return Nd4j.create(narrow, shape, type);
        }
        return Nd4j.create(values, shape, type);
    }

    /** The values of a 2-D array, row-major, as doubles, whatever its order and type. */
    public static double[] values(INDArray a) {
        INDArray flat = a.dup('c').reshape(a.length());
        if (a.dataType() == DataType.FLOAT) {
            float[] narrow = flat.toFloatVector();
            double[] wide = new double[narrow.length];
            for (int i = 0; i < narrow.length; i++) {
                wide[i] = narrow[i];
            }
            return wide;
        }
        return flat.toDoubleVector();
    }
}
