package dev.amortizer.bench.jmh;

import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulator throughput: one batch of 1,000 simulations x ~ p(x | θ) through the task's batched simulator (as NPE's
 * simulation phase calls it), θ drawn from the prior once with seed 1. The score is simulations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SimulatorBenchmark.BATCH)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SimulatorBenchmark {
    static final int BATCH = 1000;

    @Param({"two_moons", "gaussian_linear", "slcp", "sir"})
    public String task;

    private Task t;
    private double[][] thetas;
    private long seed;

    @Setup
    public void draw() {
        t = TaskCatalog.byName(task);
        thetas = t.prior().sample(BATCH, Rng.seeded(1));
    }

    @Benchmark
    public double[][] simulate() {
        return t.simulator().simulate(thetas, Rng.seeded(seed++));
    }
}
