package dev.amortizer.bench.jmh;

import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.mdn.MdnNetworks;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Training-step throughput of NPE's default estimator (the MDN): one Adam step on one minibatch (the default size) of
 * (θ, x) pairs simulated from the task with seed 1. The score is steps per second; times the batch
 * size ({@code NpeConfig.defaults().batchSize()}) it is training examples per second.
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

    private MultiLayerNetwork network;
    private INDArray x;
    private INDArray theta;

    @Setup
    public void build() {
        Task t = TaskCatalog.byName(task);
        NpeConfig config = NpeConfig.defaults();
        int batch = config.schedule().batchSize();
        Rng rng = Rng.seeded(1);
        double[][] thetas = t.prior().sample(batch, rng);
        double[][] xs = t.simulator().simulate(thetas, rng);
        network = MdnNetworks.create(t.dataDim(), config.hiddenWidths(), config.activation(),
                new MixtureLayout(config.components(), t.parameterDim()), config.schedule().learningRate(),
                config.schedule().gradientClip(), 1);
        x = MdnNetworks.matrix(flatten(xs), batch, t.dataDim(), MdnNetworks.DATA_TYPE);
        theta = MdnNetworks.matrix(flatten(thetas), batch, t.parameterDim(), MdnNetworks.DATA_TYPE);
    }

    @Benchmark
    public MultiLayerNetwork step() {
        network.fit(x, theta);
        return network;
    }

    private static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }
}
