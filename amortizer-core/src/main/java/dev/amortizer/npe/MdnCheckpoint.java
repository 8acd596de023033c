package dev.amortizer.npe;

import dev.amortizer.cost.Cost;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.training.CarriedCost;
import dev.amortizer.training.CheckpointHeader;
import dev.amortizer.training.EpochProgress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MDN trainer's state after an epoch, as data only: the schedule, DL4J's iteration and epoch counts (Adam's bias
 * correction reads them), the training time spent so far in all processes ({@link CarriedCost}), then the live
 * parameters, the updater's state and the best parameters as float arrays. Every array's length must be the one the
 * network of this run has, so a damaged length field is refused before anything is allocated. Written atomically;
 * refused by another run.
 */
final class MdnCheckpoint {
    private static final int MAGIC = 0x414d4d33; // "AMM3"
    /** Earlier layouts: "AMMC" embedded DL4J's ModelSerializer zip, "AMM2" lacked the time spent; neither is read. */
    private static final int OLD_MAGIC = 0x414d4d43; // "AMMC"
    private static final int OLD_MAGIC_2 = 0x414d4d32; // "AMM2"

    /** Where the loop stands, the time spent in all processes included ({@link CarriedCost}). */
    final EpochProgress progress;
    final double learningRate;
    final MultiLayerNetwork network;
    final INDArray bestParams;

    MdnCheckpoint(EpochProgress progress, double learningRate, MultiLayerNetwork network, INDArray bestParams) {
        this.progress = progress;
        this.learningRate = learningRate;
        this.network = network;
        this.bestParams = bestParams;
    }

    void save(Path file, long fingerprint) {
        float[] params = network.params().castTo(DataType.FLOAT).toFloatVector();
        float[] updater = network.getUpdater().getStateViewArray().castTo(DataType.FLOAT).toFloatVector();
        float[] best = bestParams.castTo(DataType.FLOAT).toFloatVector();
        try {
            AtomicFiles.write(file, raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                out.writeInt(MAGIC);
                CheckpointHeader.write(out, fingerprint, progress, learningRate);
                out.writeInt(network.getIterationCount());
                out.writeInt(network.getEpochCount());
                CarriedCost.write(out, progress.spent());
                write(out, params);
                write(out, updater);
                write(out, best);
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }

    /**
     * The checkpoint in {@code file} loaded into {@code network} (freshly built for this run), or null if there is
     * none; a checkpoint of another run, or a damaged one, is an IllegalArgumentException.
     */
    static MdnCheckpoint load(Path file, long fingerprint, MultiLayerNetwork network) {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            int magic = in.readInt();
            if (magic == OLD_MAGIC || magic == OLD_MAGIC_2) {
                throw new IllegalArgumentException(file + ": an MDN checkpoint of an earlier Amortizer, which this"
                        + " version no longer reads; delete it (or use another checkpoint directory) to start afresh");
            }
            if (magic != MAGIC) {
                throw new IllegalArgumentException(file + ": not an Amortizer MDN training checkpoint");
            }
            CheckpointHeader header = CheckpointHeader.read(in, file, fingerprint);
            int iterations = in.readInt();
            int epochs = in.readInt();
            if (iterations < 0 || epochs < 0) {
                throw CheckpointHeader.inconsistent(file, "iterations " + iterations + ", epochs " + epochs);
            }
            Cost spent = CarriedCost.read(in, file);
            INDArray params = network.params();
            INDArray updater = network.getUpdater().getStateViewArray();
            INDArray live = read(in, params, "parameters", file);
            INDArray state = read(in, updater, "updater state", file);
            INDArray best = read(in, params, "best parameters", file);
            if (in.read() != -1) {
                throw new IllegalArgumentException(file + ": the checkpoint has trailing bytes");
            }
            network.setParams(live);
            updater.assign(state);
            network.setIterationCount(iterations);
            network.setEpochCount(epochs);
            return new MdnCheckpoint(header.progress(spent), header.learningRate(), network, best);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": the checkpoint is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file, e);
        }
    }

    private static void write(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    /** An array shaped like {@code like}, its length checked against the file's before anything is read. */
    private static INDArray read(DataInputStream in, INDArray like, String field, Path file) throws IOException {
        int length = in.readInt();
        if (length != like.length()) {
            throw new IllegalArgumentException(file + ": the checkpoint's " + field + " field says " + length
                    + " values; this run's network has " + like.length());
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return Nd4j.create(values, like.shape(), DataType.FLOAT).castTo(like.dataType());
    }
}
