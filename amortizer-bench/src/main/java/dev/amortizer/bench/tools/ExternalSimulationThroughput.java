package dev.amortizer.bench.tools;

import dev.amortizer.models.external.ExternalCommand;
import dev.amortizer.models.external.ExternalSimulator;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ParallelSimulation;
import dev.amortizer.task.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the external-command simulator against the same simulator written in Java: each simulation spins
 * for {@code ms} milliseconds (a stand-in for a simulator of that cost), x = θ. The Java one runs through
 * {@link ParallelSimulation} on {@code workers} threads, the Python one through {@link ExternalSimulator} with
 * {@code workers} processes, on the same rows; then the per-batch overhead, from a Python command that costs nothing.
 * Prints a Markdown table; median of {@code repeats} timed runs after one warm-up.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.ExternalSimulationThroughput [ms] [rows] [workers] [repeats]}
 */
public final class ExternalSimulationThroughput {
    private static final String SCRIPT = """
            import sys, time
            COST = float(sys.argv[1]) / 1000
            while True:
                line = sys.stdin.readline()
                if not line:
                    break
                n = int(line.split()[2])
                sys.stdin.readline()
                out = ["x1,x2"]
                for _ in range(n):
                    row = sys.stdin.readline().strip()
                    end = time.perf_counter() + COST
                    while time.perf_counter() < end:
                        pass
                    out.append(row)
                sys.stdout.write("\\n".join(out) + "\\n")
                sys.stdout.flush()
            """;

    private ExternalSimulationThroughput() {
    }

    public static void main(String[] args) throws IOException {
        double ms = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("amortizer-throughput");
        Files.writeString(dir.resolve("spin.py"), SCRIPT);
        double[][] theta = new double[rows][];
        for (int i = 0; i < rows; i++) {
            theta[i] = new double[] {i, -i};
        }
        Simulator java = new Simulator() {
            public int parameterDim() {
                return 2;
            }

            public int dataDim() {
                return 2;
            }

            public double[] simulate(double[] t, Rng rng) {
                long end = System.nanoTime() + Math.round(ms * 1e6);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return t.clone();
            }
        };
        double javaRate = rows / median(repeats, () -> ParallelSimulation.simulate(java, theta, Rng.seeded(1), workers));
        StringBuilder md = new StringBuilder();
        md.append("| simulator (").append(fmt(ms)).append(" ms a row, ").append(rows).append(" rows, ").append(workers)
                .append(" workers) | rows/s | vs Java |\n|---|---:|---:|\n")
                .append("| Java task, ParallelSimulation | ").append(fmt(javaRate)).append(" | 1.00 |\n");
        for (int batch : new int[] {25, 100, 400}) {
            try (ExternalSimulator python = simulator(dir, ms, batch, workers)) {
                double rate = rows / median(repeats, () -> python.simulate(theta, Rng.seeded(1)));
                md.append("| Python command, batches of ").append(batch).append(" | ").append(fmt(rate)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", rate / javaRate)).append(" |\n");
            }
        }
        int overheadRows = 20_000;
        double[][] many = Arrays.copyOf(theta, overheadRows);
        for (int i = rows; i < overheadRows; i++) {
            many[i] = new double[] {i, -i};
        }
        md.append("\n| per-batch overhead (cost-free command, 1 worker, ").append(overheadRows)
                .append(" rows) | µs per batch | µs per row |\n|---|---:|---:|\n");
        for (int batch : new int[] {1, 100}) {
            int n = batch == 1 ? 2000 : overheadRows;
            double[][] part = Arrays.copyOf(many, n);
            try (ExternalSimulator python = simulator(dir, 0, batch, 1)) {
                double seconds = median(repeats, () -> python.simulate(part, Rng.seeded(1)));
                md.append("| batches of ").append(batch).append(" | ").append(fmt(seconds / (n / batch) * 1e6))
                        .append(" | ").append(fmt(seconds / n * 1e6)).append(" |\n");
            }
        }
        System.out.print(md);
    }

    private static ExternalSimulator simulator(Path dir, double ms, int batch, int workers) {
        return new ExternalSimulator(new ExternalCommand(List.of("python3", "spin.py", Double.toString(ms)), dir, 600,
                batch, workers, ExternalCommand.OnFailure.FAIL, dir.resolve("spin.log")), List.of("a", "b"),
                List.of("x1", "x2"));
    }

    /** Median seconds of {@code repeats} runs after one warm-up (which also starts the processes). */
    private static double median(int repeats, Runnable run) {
        run.run();
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            run.run();
            t[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
    }
}
