package dev.amortizer.training;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.Stopwatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The wall and CPU time a resumable run spent in earlier processes, so that its ledger adds up across
 * interruptions: each checkpoint records what its trainer has spent so far (what it resumed with, plus this
 * process's time since the trainer started), and each trainer that resumes reports its checkpoint's figure here.
 * A fit's training cost is then the sum of these and the time of the process that finishes it. Counts (forward
 * passes) are not carried: they follow from the epochs, which the checkpoint already holds.
 */
public final class CarriedCost {
    /** A checkpoint claiming more than this (about 30 years) is damaged, not slow. */
    public static final double MAX_SECONDS = 1e9;

    private Cost earlier = Cost.ZERO;

    /** Adds what a resumed trainer's checkpoint says it had spent. */
    public synchronized void resumed(Cost spent) {
        earlier = earlier.plus(new Cost(spent.wallSeconds(), spent.cpuSeconds(), 0, 0, 0, 0, 0));
    }

    /** Wall and CPU time of earlier processes, summed over every checkpoint resumed. */
    public synchronized Cost earlier() {
        return earlier;
    }

    /** What one trainer has spent so far: its checkpoint's figure (ZERO for a fresh start) plus the watch's. */
    public static Cost soFar(Cost resumedWith, Stopwatch watch) {
        Cost now = watch.elapsed();
        return new Cost(resumedWith.wallSeconds() + now.wallSeconds(), resumedWith.cpuSeconds() + now.cpuSeconds(),
                0, 0, 0, 0, 0);
    }

    /** Writes wall and CPU seconds, the two fields a checkpoint carries. */
    public static void write(DataOutputStream out, Cost spent) throws IOException {
        out.writeDouble(spent.wallSeconds());
        out.writeDouble(spent.cpuSeconds());
    }

    /** Reads what {@link #write} wrote; each must be finite and in [0, {@value #MAX_SECONDS}] s. */
    public static Cost read(DataInputStream in, Path file) throws IOException {
        double wall = checked(in.readDouble(), "wall", file);
        double cpu = checked(in.readDouble(), "CPU", file);
        return new Cost(wall, cpu, 0, 0, 0, 0, 0);
    }

    private static double checked(double seconds, String what, Path file) {
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException(file + ": the checkpoint's training " + what + " time is " + seconds
                    + " s, expected a number in [0, " + MAX_SECONDS + "]; the file is damaged");
        }
        return seconds;
    }
}
