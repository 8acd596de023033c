package dev.amortizer.training;

import dev.amortizer.cost.Cost;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.nn.AdamOptimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a network's training loop carries from one epoch to the next — weights, Adam's moments, the best weights
 * so far, the learning-rate schedule — saved atomically after every epoch so that a crashed run resumes to the
 * same final weights, and the time spent so far, so that the resumed run's ledger counts every process's training
 * ({@link CarriedCost}). A checkpoint records the fingerprint of the run that wrote it, and is refused by any other.
 */
public final class TrainingState {
    private static final int MAGIC = 0x414d5443; // "AMTC"
    /** 2 adds the training time spent so far; 1 (without it) still resumes, with that time unknown (zero). */
    private static final int VERSION = 2;
    /** The MDN's own checkpoints while it trained on DL4J: "AMMC", "AMM2", "AMM3". */
    private static final java.util.Set<Integer> OLD_MDN_MAGICS = java.util.Set.of(0x414d4d43, 0x414d4d32, 0x414d4d33);

    /** Where the loop stands, the time spent in all processes included ({@link CarriedCost}). */
    final EpochProgress progress;
    final double[][] bestParams;

    TrainingState(EpochProgress progress, double[][] bestParams) {
        this.progress = progress;
        this.bestParams = bestParams;
    }

    /** Writes the state, the live parameters and the optimiser's moments to {@code file}, atomically. */
    void save(Path file, long fingerprint, List<double[]> params, AdamOptimizer adam) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            CheckpointHeader.write(out, fingerprint, progress, adam.learningRate());
            out.writeLong(adam.steps());
            CarriedCost.write(out, progress.spent());
            write(out, params.toArray(double[][]::new));
            write(out, adam.firstMoments());
            write(out, adam.secondMoments());
            write(out, bestParams);
            out.flush();
        });
    }

    /**
     * Restores a state saved by {@link #save} into {@code params} and {@code adam}; an IllegalArgumentException if the
     * file belongs to another run or is damaged.
     */
    public static TrainingState load(Path file, long fingerprint, List<double[]> params, AdamOptimizer adam)
            throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            int magic = in.readInt();
            if (OLD_MDN_MAGICS.contains(magic)) {
                throw new IllegalArgumentException(file + ": an MDN checkpoint of an earlier Amortizer (DL4J's"
                        + " network), which this version no longer reads; delete it (or use another checkpoint"
                        + " directory) to start afresh");
            }
            int version = magic == MAGIC ? in.readInt() : -1;
            if (version != 1 && version != VERSION) {
                throw new IllegalArgumentException(file + ": not an Amortizer training checkpoint (or a newer one)");
            }
            CheckpointHeader header = CheckpointHeader.read(in, file, fingerprint);
            long steps = in.readLong();
            if (steps < 0) {
                throw CheckpointHeader.inconsistent(file, "steps " + steps);
            }
            adam.setLearningRate(header.learningRate());
            adam.setSteps(steps);
            Cost spent = version >= 2 ? CarriedCost.read(in, file) : Cost.ZERO;
            read(in, params.toArray(double[][]::new), file);
            read(in, adam.firstMoments(), file);
            read(in, adam.secondMoments(), file);
            double[][] bestParams = copy(params);
            read(in, bestParams, file);
            if (in.read() != -1) {
                throw new IllegalArgumentException(file + ": the checkpoint has trailing bytes");
            }
            return new TrainingState(header.progress(spent), bestParams);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": the checkpoint is truncated", e);
        }
    }

    static double[][] copy(List<double[]> params) {
        return params.stream().map(double[]::clone).toArray(double[][]::new);
    }

    private static void write(DataOutputStream out, double[][] arrays) throws IOException {
        out.writeInt(arrays.length);
        for (double[] a : arrays) {
            out.writeInt(a.length);
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    /** Fills {@code into}; every count and length must be this network's, so none allocates anything. */
    private static void read(DataInputStream in, double[][] into, Path file) throws IOException {
        int count = in.readInt();
        if (count != into.length) {
            throw new IllegalArgumentException(file + ": the checkpoint's weights do not fit this network (array"
                    + " count field " + count + ", expected " + into.length + ")");
        }
        for (int k = 0; k < into.length; k++) {
            double[] a = into[k];
            int length = in.readInt();
            if (length != a.length) {
                throw new IllegalArgumentException(file + ": the checkpoint's weights do not fit this network (array "
                        + k + " length field " + length + ", expected " + a.length + ")");
            }
            for (int i = 0; i < a.length; i++) {
                a[i] = in.readDouble();
            }
        }
    }
}
