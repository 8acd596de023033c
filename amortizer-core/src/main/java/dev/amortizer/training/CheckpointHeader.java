package dev.amortizer.training;

import dev.amortizer.cost.Cost;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The part every training checkpoint starts with after its magic: the run's fingerprint, where the epoch loop stands
 * and the learning rate. One reader checks it for every kind of checkpoint, so a file of another run or with an
 * impossible schedule is refused the same way everywhere.
 *
 * @param epoch        epochs run
 * @param bestEpoch    epoch of the best validation loss
 * @param lastDecay    epoch of the last learning-rate decay
 * @param bestLoss     best validation loss so far
 * @param learningRate the optimiser's step size at the checkpoint
 */
public record CheckpointHeader(int epoch, int bestEpoch, int lastDecay, double bestLoss, double learningRate) {
    /** Writes the fingerprint, {@code progress}'s epochs and best loss, and the learning rate. */
    public static void write(DataOutputStream out, long fingerprint, EpochProgress progress, double learningRate)
            throws IOException {
        out.writeLong(fingerprint);
        out.writeInt(progress.epoch());
        out.writeInt(progress.bestEpoch());
        out.writeInt(progress.lastDecay());
        out.writeDouble(progress.bestLoss());
        out.writeDouble(learningRate);
    }

    /** Reads what {@link #write} wrote, refusing another run's checkpoint or an inconsistent schedule. */
    public static CheckpointHeader read(DataInputStream in, Path file, long fingerprint) throws IOException {
        if (in.readLong() != fingerprint) {
            throw new IllegalArgumentException(file + ": this checkpoint was written by a different training run"
                    + " (other task, data, configuration or seed); use another checkpoint directory or delete it");
        }
        CheckpointHeader h = new CheckpointHeader(in.readInt(), in.readInt(), in.readInt(), in.readDouble(),
                in.readDouble());
        if (h.epoch < 0 || h.bestEpoch < 0 || h.bestEpoch > h.epoch || h.lastDecay < 0 || h.lastDecay > h.epoch
                || Double.isNaN(h.bestLoss) || !(h.learningRate > 0) || !Double.isFinite(h.learningRate)) {
            throw inconsistent(file, h + "");
        }
        return h;
    }

    /** The schedule as {@link EpochLoop} resumes it, with the time already spent. */
    public EpochProgress progress(Cost spent) {
        return new EpochProgress(epoch, bestEpoch, lastDecay, bestLoss, spent);
    }

    /** The refusal of a checkpoint whose schedule cannot have been written by a run. */
    public static IllegalArgumentException inconsistent(Path file, String what) {
        return new IllegalArgumentException(file + ": the checkpoint's schedule is inconsistent (" + what + ")");
    }
}
