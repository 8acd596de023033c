package dev.amortizer.npe;

import dev.amortizer.cost.Cost;
import dev.amortizer.data.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MDN trainer's state after an epoch: the network with its updater (DL4J's {@code ModelSerializer}, which
 * resumes bit-identically), the best weights so far, the schedule and the time spent so far. Written atomically; refused by another run.
 */
final class MdnCheckpoint {
    private static final int MAGIC = 0x414d4d43; // "AMMC", without the time spent (it resumes as zero)
    private static final int MAGIC_WITH_COST = 0x414d4d32; // "AMM2"

    int epoch;
    int bestEpoch;
    int lastDecay;
    double bestLoss = Double.POSITIVE_INFINITY;
    double learningRate;
    INDArray bestParams;
    MultiLayerNetwork network;
    /** Wall and CPU time spent on this training in all processes up to the save ({@link CarriedCost}). */
    Cost spent = Cost.ZERO;

    void save(Path file, long fingerprint) {
        try {
            ByteArrayOutputStream net = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, net, true);
            double[] best = bestParams.toDoubleVector();
            AtomicFiles.write(file, raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                out.writeInt(MAGIC_WITH_COST);
                out.writeLong(fingerprint);
                out.writeInt(epoch);
                out.writeInt(bestEpoch);
                out.writeInt(lastDecay);
                out.writeDouble(bestLoss);
                out.writeDouble(learningRate);
                CarriedCost.write(out, spent);
                out.writeInt(best.length);
                for (double v : best) {
                    out.writeDouble(v);
                }
                byte[] bytes = net.toByteArray();
                out.writeInt(bytes.length);
                out.write(bytes);
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }

    /** The checkpoint in {@code file}, or null if there is none. */
    static MdnCheckpoint load(Path file, long fingerprint) {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_WITH_COST) {
                throw new IllegalArgumentException(file + ": not an Amortizer MDN training checkpoint");
            }
            if (in.readLong() != fingerprint) {
                throw new IllegalArgumentException(file + ": this checkpoint was written by a different training run"
                        + " (other task, data, configuration or seed); use another checkpoint directory or delete it");
            }
            MdnCheckpoint c = new MdnCheckpoint();
            c.epoch = in.readInt();
            c.bestEpoch = in.readInt();
            c.lastDecay = in.readInt();
            c.bestLoss = in.readDouble();
            c.learningRate = in.readDouble();
            c.spent = magic == MAGIC_WITH_COST ? CarriedCost.read(in, file) : Cost.ZERO;
            double[] best = new double[in.readInt()];
            for (int i = 0; i < best.length; i++) {
                best[i] = in.readDouble();
            }
            byte[] bytes = in.readNBytes(in.readInt());
            c.network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), true);
            c.bestParams = Nd4j.create(best).castTo(c.network.params().dataType()).reshape(c.network.params().shape());
            return c;
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": the checkpoint is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file, e);
        }
    }
}
