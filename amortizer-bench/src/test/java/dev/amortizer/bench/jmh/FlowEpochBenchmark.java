package dev.amortizer.bench.jmh;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.flow.FlowType;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.nn.ComputeBackend;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of NPE's flow training, without validation: {@code rows} (θ, x) pairs of two_moons simulated from seed 1,
 * in minibatches of {@code batch}, each a loss-and-gradient pass of a {@code type} flow (5 transforms, two ReLU layers
 * of {@code width}, 10 bins) and an Adam step, under each {@link ComputeBackend}. Unlike
 * {@link DenseBackendStepBenchmark} this includes everything besides the dense products: splines, permutations,
 * activations, the tape and Adam, which no backend speeds up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class FlowEpochBenchmark {
    @Param({"NSF"})
    public String type;

    @Param({"256", "512"})
    public int width;

    @Param({"512"})
    public int batch;

    @Param({"10000"})
    public int rows;

    @Param({"java", "nd4j", "auto"})
    public String backend;

    private ConditionalFlow flow;
    private AdamOptimizer adam;
    private double[][] theta;
    private double[][] x;

    @Setup
    public void build() {
        ComputeBackend.select(ComputeBackend.parse(backend));
        Task task = TaskCatalog.byName("two_moons");
        Rng rng = Rng.seeded(1);
        theta = task.prior().sample(rows, rng);
        x = task.simulator().simulate(theta, rng);
        FlowConfig config = new FlowConfig(FlowType.valueOf(type), 5, List.of(width, width), HiddenActivation.RELU,
                10, 3.0);
        flow = ConditionalFlow.create(config, task.parameterDim(), task.dataDim(), Rng.seeded(2));
        adam = new AdamOptimizer(flow.parameters(), 1e-3, 5);
    }

    @Benchmark
    public double epoch() {
        double loss = 0;
        for (int from = 0; from < rows; from += batch) {
            int to = Math.min(rows, from + batch);
            double[][] grads = flow.newGradients();
            loss += flow.lossAndGradient(theta, x, from, to, 1.0 / (to - from), grads);
            adam.step(flow.parameters(), grads);
        }
        return loss;
    }
}
