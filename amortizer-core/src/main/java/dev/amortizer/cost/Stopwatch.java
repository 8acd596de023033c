package dev.amortizer.cost;

import java.lang.management.ManagementFactory;

/**
 * Wall and process CPU time since it was started, readable while the work goes on: a checkpoint records how much
 * a run has spent so far without ending the measurement.
 *
 * <p>{@code var watch = Stopwatch.start(); work(); Cost spent = watch.elapsed();}
 */
public final class Stopwatch {
    private final long wallStart = System.nanoTime();
    private final long cpuStart = processCpuNanos();

    private Stopwatch() {
    }

    public static Stopwatch start() {
        return new Stopwatch();
    }

    /** Wall and CPU seconds so far (CPU 0 where the JVM cannot measure it), with the current memory peak. */
    public Cost elapsed() {
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        long cpuEnd = processCpuNanos();
        double cpu = cpuStart < 0 || cpuEnd < 0 ? 0 : (cpuEnd - cpuStart) * 1e-9;
        return new Cost(wall, cpu, 0, 0, 0, 0, CostMeter.peakRssBytes());
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
