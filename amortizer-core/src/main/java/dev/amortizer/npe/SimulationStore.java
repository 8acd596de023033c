package dev.amortizer.npe;

import dev.amortizer.cost.Cost;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.task.Task;
import dev.amortizer.training.CarriedCost;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulated pairs of one training run, saved once in a checkpoint directory so that a resumed run trains on
 * exactly the same data without paying for the simulations again. Non-finite x values are kept as they are. The
 * file also records what the simulations cost, so that a resumed run's ledger still counts them.
 */
final class SimulationStore {
    private static final int MAGIC = 0x414d5349; // "AMSI": without the simulation time (it loads as zero)
    private static final int MAGIC_WITH_COST = 0x414d5332; // "AMS2": wall and CPU seconds after the sizes
    private final Path file;
    private final Task task;
    private final int count;

    SimulationStore(Path file, Task task, int count) {
        this.file = file;
        this.task = task;
        this.count = count;
    }

    /** Saved pairs and the wall and CPU time their simulation took. */
    record Saved(double[][] theta, double[][] x, Cost cost) {
    }

    /** The saved θ and x, or null when there are none; pairs saved for another task or budget are refused. */
    Saved load() {
        if (!Files.exists(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_WITH_COST) {
                throw new IllegalArgumentException(file + ": not an Amortizer simulation file");
            }
            String name = in.readUTF();
            int n = in.readInt();
            int d = in.readInt();
            int e = in.readInt();
            if (!name.equals(task.name()) || n != count || d != task.parameterDim() || e != task.dataDim()) {
                throw new IllegalArgumentException(file + ": holds " + n + " simulations of " + name + " (" + d + " θ, "
                        + e + " x), but this run wants " + count + " of " + task.name()
                        + "; use another checkpoint directory or delete it");
            }
            // n, d and e equal this run's, so nothing here is sized by the file
            Cost cost = magic == MAGIC_WITH_COST ? CarriedCost.read(in, file) : Cost.ZERO;
            double[][] theta = new double[n][d];
            double[][] x = new double[n][e];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    theta[i][j] = in.readDouble();
                }
                for (int j = 0; j < e; j++) {
                    x[i][j] = in.readDouble();
                }
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException(file + ": the simulation file has trailing bytes");
            }
            return new Saved(theta, x, cost);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": the simulation file is truncated", e);
        } catch (UTFDataFormatException e) {
            throw new IllegalArgumentException(file + ": the simulation file's task name is not valid modified UTF-8",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Saves the pairs with {@code cost}, the wall and CPU time their simulation took. */
    void save(double[][] theta, double[][] x, Cost cost) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                out.writeInt(MAGIC_WITH_COST);
                out.writeUTF(task.name());
                out.writeInt(theta.length);
                out.writeInt(task.parameterDim());
                out.writeInt(task.dataDim());
                CarriedCost.write(out, cost);
                for (int i = 0; i < theta.length; i++) {
                    for (double v : theta[i]) {
                        out.writeDouble(v);
                    }
                    for (double v : x[i]) {
                        out.writeDouble(v);
                    }
                }
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
