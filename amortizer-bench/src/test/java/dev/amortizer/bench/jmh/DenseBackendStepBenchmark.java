package dev.amortizer.bench.jmh;

import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.nn.ComputeBackend;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
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
 * One training step (forward with tape, squared-error gradient, backward, Adam) of a flow-conditioner-shaped MLP,
 * {@value #IN} inputs → two ReLU layers of {@code width} → {@value #OUT} outputs, on a batch of {@code batch} rows,
 * under each {@link ComputeBackend}: where ND4J's gemms start to pay (amortizer-bench/results/training-backends.md).
 * Inputs and targets are Gaussian from seed 1; the backend is set process-wide in the setup, each parameter set
 * running in its own fork. Every step is timed (sample mode), so that the median is robust to the preemptions of a
 * shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DenseBackendStepBenchmark {
    /** Inputs: a two_moons coupling conditioner's θ half and x. */
    static final int IN = 3;
    /** Outputs: a 10-bin spline's 29 values for one dimension. */
    static final int OUT = 29;

    @Param({"50", "128", "256", "512"})
    public int width;

    @Param({"256", "512", "1024"})
    public int batch;

    @Param({"java", "nd4j", "auto"})
    public String backend;

    private Mlp net;
    private AdamOptimizer adam;
    private double[][] x;
    private double[][] target;
    private double[][] grads;

    @Setup
    public void build() {
        ComputeBackend.select(ComputeBackend.parse(backend));
        Rng rng = Rng.seeded(1);
        net = Mlp.create(IN, List.of(width, width), OUT, HiddenActivation.RELU, null, false, rng);
        adam = new AdamOptimizer(net.parameters(), 1e-3, 5);
        x = gaussian(batch, IN, rng);
        target = gaussian(batch, OUT, rng);
        List<double[]> params = net.parameters();
        grads = new double[params.size()][];
        for (int a = 0; a < grads.length; a++) {
            grads[a] = new double[params.get(a).length];
        }
    }

    @Benchmark
    public double step() {
        Mlp.Tape tape = net.newTape();
        double[][] y = net.forward(x, 0, batch, tape);
        double[][] gy = new double[batch][OUT];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < OUT; j++) {
                gy[r][j] = (y[r][j] - target[r][j]) / batch;
            }
        }
        for (double[] g : grads) {
            java.util.Arrays.fill(g, 0);
        }
        net.backward(tape, gy, grads, 0, false);
        return adam.step(net.parameters(), grads);
    }

    static double[][] gaussian(int rows, int cols, Rng rng) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return a;
    }
}
