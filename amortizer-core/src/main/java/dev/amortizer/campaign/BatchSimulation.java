package dev.amortizer.campaign;

import dev.amortizer.cost.Cost;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.FailureReporting;
import dev.amortizer.task.Task;
import java.lang.management.ManagementFactory;

/** One batch of a campaign simulated: θ from the prior, then x, both from the batch's generator, timed and checked. */
final class BatchSimulation {
    private BatchSimulation() {
    }

    /** A simulated batch: its rows, failures by kind and its share of the wall and CPU time. */
    record Simulated(double[][] theta, double[][] x, FailureCounts failures, Cost cost) {
    }

    static Simulated simulate(Task task, int b, int rows, Rng g, int workers) {
        long wall = System.nanoTime();
        long cpu = processCpuNanos();
        double[][] t = task.prior().sample(rows, g);
        double[][] sims;
        FailureCounts reported;
        if (task.simulator() instanceof FailureReporting reporting) {
            FailureReporting.Outcome o = reporting.simulateReporting(t, g);
            sims = o.x();
            reported = o.failures();
        } else {
            sims = task.simulator().simulate(t, g);
            reported = FailureCounts.NONE;
        }
        if (sims == null || sims.length != rows) {
            throw new IllegalArgumentException("task " + task.name() + "'s simulator returned "
                    + (sims == null ? "nothing" : sims.length + " rows") + " for " + rows + " θ rows");
        }
        long nonFinite = 0;
        for (int i = 0; i < rows; i++) {
            double[] row = sims[i];
            if (row == null || row.length != task.dataDim()) {
                throw new IllegalArgumentException("simulation " + (b * SimulationCampaign.BATCH + i + 1) + " of task "
                        + task.name() + " returned " + (row == null ? "no row" : row.length + " x values")
                        + ", expected " + task.dataDim());
            }
            if (!finite(row)) {
                nonFinite++;
            }
        }
        FailureCounts f = reported.plus(FailureCounts.of(FailureCounts.NON_FINITE,
                Math.max(0, nonFinite - reported.total())));
        long cpuEnd = processCpuNanos();
        Cost cost = new Cost((System.nanoTime() - wall) * 1e-9 / workers,
                cpu < 0 || cpuEnd < 0 ? 0 : (cpuEnd - cpu) * 1e-9 / workers, 0, 0, 0, 0, 0);
        return new Simulated(t, sims, f, cost);
    }

    private static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
