package dev.amortizer.bench.jmh;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import java.nio.file.Path;
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
 * Per-query latency of an amortised posterior: {@code draws} draws (1 and 10,000 by default) for sbibm's observation 1
 * of the model's task, from a fresh seed each call. The model is a file ({@code -p model=path.zip}) or, by default, NPE
 * (MDN) trained in the setup on {@code simulations} two_moons simulations with seed 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class QueryBenchmark {
    @Param({""})
    public String model;

    @Param({"1", "10000"})
    public int draws;

    @Param({"1000"})
    public int simulations;

    private NpePosterior posterior;
    private double[] observation;
    private long seed;

    @Setup
    public void load() throws Exception {
        posterior = model.isEmpty()
                ? new Npe(NpeConfig.defaults()).train(TaskCatalog.byName("two_moons"), simulations,
                        Rng.seeded(1), new CostMeter())
                : ModelFile.load(Path.of(model), TaskCatalog::byName);
        observation = SbibmData.locate().orElseThrow().observation(posterior.task().name(), 1);
    }

    @Benchmark
    public Samples query() {
        return posterior.sample(observation, draws, Rng.seeded(seed++));
    }
}
