package dev.amortizer.bench.tools;

import dev.amortizer.bench.CpuName;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ParallelSimulation;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;

/**
 * Simulations per second of every catalogue task through {@link ParallelSimulation}: θ drawn from the prior
 * (untimed), then the batch simulated on the given threads; the batch is sized to take about a second, one untimed
 * warm-up run, then the median of {@code repeats} timed runs.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.SimulationThroughput OUT.md [threads] [repeats]}
 */
public final class SimulationThroughput {
    private SimulationThroughput() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SimulationThroughput OUT.md [threads] [repeats]");
        }
        Path out = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        StringBuilder md = new StringBuilder();
        md.append("# Simulation throughput\n\n")
                .append("Simulations per second of each task's simulator through `ParallelSimulation` on ")
                .append(threads).append(" threads (θ from the prior, drawn untimed; batch sized to about one second; ")
                .append("one warm-up run, then the median and range of ").append(repeats).append(" timed runs). ")
                .append(LocalDate.now(ZoneOffset.UTC)).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores (").append(CpuName.read()).append("), shared with other work, so treat as a lower bound.\n\n")
                .append("Made by `mvn -q -B -o package -DskipTests && java -cp 'amortizer-bench/target/amortizer-bench-0.1.0-SNAPSHOT.jar:amortizer-bench/target/lib/*' dev.amortizer.bench.tools.SimulationThroughput amortizer-bench/results/simulation-throughput.md ")
                .append(threads).append(' ').append(repeats).append("`.\n\n")
                .append("| task | dim θ | dim x | batch | simulations/s (median) | min | max |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Task task : TaskCatalog.all()) {
            Rng rng = Rng.seeded(2024);
            int batch = calibrate(task, threads, rng.split());
            double[][] theta = task.prior().sample(batch, rng.split());
            ParallelSimulation.simulate(task.simulator(), theta, rng.split(), threads);
            double[] rates = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                Rng seed = rng.split();
                long t0 = System.nanoTime();
                ParallelSimulation.simulate(task.simulator(), theta, seed, threads);
                rates[r] = batch / ((System.nanoTime() - t0) / 1e9);
            }
            Arrays.sort(rates);
            String line = String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.0f | %.0f |%n", task.name(),
                    task.parameterDim(), task.dataDim(), batch, rates[repeats / 2], rates[0], rates[repeats - 1]);
            System.out.print(line);
            md.append(line);
        }
        AtomicFiles.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    /** A batch size that takes roughly one second, from a timed run of 512. */
    private static int calibrate(Task task, int threads, Rng rng) {
        double[][] theta = task.prior().sample(512, rng.split());
        ParallelSimulation.simulate(task.simulator(), theta, rng.split(), threads);
        long t0 = System.nanoTime();
        ParallelSimulation.simulate(task.simulator(), theta, rng.split(), threads);
        double perSecond = 512 / Math.max(1e-6, (System.nanoTime() - t0) / 1e9);
        return (int) Math.max(512, Math.min(2_000_000, perSecond));
    }
}
