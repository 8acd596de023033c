package dev.amortizer.bench.jmh;

import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.nn.ComputeBackend;
import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.Mlp;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.npe.mdn.MixtureNetwork;
import dev.amortizer.npe.mdn.MixtureObjective;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.FlowTrainer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * Training-step throughput of NPE's default estimator for low-dimensional parameters (the MDN): one Adam step on one
 * minibatch (the default size) of (θ, x) pairs simulated from the task with seed 1, the gradient as training computes
 * it ({@link MixtureObjective}). The score is steps per second; times the batch size
 * ({@code NpeConfig.defaults().schedule().batchSize()}) it is training examples per second. {@code -p backend=java}
 * (or nd4j, auto) times the step under another {@code ComputeBackend}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TrainingStepBenchmark {
    @Param({"two_moons"})
    public String task;

    /** Where the dense products run ({@code ComputeBackend}); the default is the library's. */
    @Param({"classic"})
    public String backend;

    private MixtureObjective objective;
    private List<double[]> params;
    private AdamOptimizer adam;
    private int[] order;

    @Setup
    public void build() {
        ComputeBackend.select(ComputeBackend.parse(backend));
        Task t = TaskCatalog.byName(task);
        NpeConfig config = NpeConfig.defaults();
        int batch = config.schedule().batchSize();
        Rng rng = Rng.seeded(1);
        double[][] thetas = t.prior().sample(batch, rng);
        double[][] xs = t.simulator().simulate(thetas, rng);
        MixtureLayout layout = new MixtureLayout(config.components(), t.parameterDim());
        Mlp network = Mlp.create(t.dataDim(), config.hiddenWidths(), layout.width(), config.activation(), null,
                false, Rng.seeded(1));
        FlowTrainer.Rows rows = new FlowTrainer.Rows(thetas, xs);
        MixtureNetwork net = MixtureNetwork.of(network, layout, config.meanShift());
        net.fitShift(ConditionalRows.of(thetas, xs));
        objective = new MixtureObjective(net, rows, rows);
        params = objective.parameters();
        adam = new AdamOptimizer(params, config.schedule().learningRate(), config.schedule().gradientClip());
        order = IntStream.range(0, batch).toArray();
    }

    @Benchmark
    public List<double[]> step() {
        adam.step(params, objective.gradient(order, 0, order.length, null));
        return params;
    }
}
