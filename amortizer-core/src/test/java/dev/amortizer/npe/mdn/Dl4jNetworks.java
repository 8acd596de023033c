package dev.amortizer.npe.mdn;

import dev.amortizer.nn.HiddenActivation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * DL4J networks shaped as the MDN's was while it trained on DL4J, and their {@code ModelSerializer} zips: the weights
 * of MDN model files of formats 1 to 4. (Those files name the MDN's own loss class; the reader never resolves it.)
 */
public final class Dl4jNetworks {
    private Dl4jNetworks() {
    }

    /** A network in → hidden… → out with an identity output, Xavier weights from {@code seed}. */
    public static MultiLayerNetwork create(int in, List<Integer> hidden, int out, HiddenActivation activation,
                                           DataType type, long seed) {
        var list = new NeuralNetConfiguration.Builder().seed(seed).dataType(type).weightInit(WeightInit.XAVIER)
                .list();
        Activation a = activation == HiddenActivation.TANH ? Activation.TANH : Activation.RELU;
        int width = in;
        for (int h : hidden) {
            list.layer(new DenseLayer.Builder().nIn(width).nOut(h).activation(a).build());
            width = h;
        }
        list.layer(new OutputLayer.Builder(new LossMSE()).nIn(width).nOut(out).activation(Activation.IDENTITY)
                .build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** The network's {@code ModelSerializer} zip, without an updater. */
    public static byte[] zip(MultiLayerNetwork net) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, out, false);
        return out.toByteArray();
    }
}
