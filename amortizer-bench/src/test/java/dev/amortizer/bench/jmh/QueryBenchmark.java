package dev.amortizer.bench.jmh;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
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
 * One amortised query: 10,000 draws from a trained posterior for sbibm's observation 1 of the model's task, from a
 * fresh seed each call. The model file is a parameter: {@code -p model=path.zip}.
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

    @Param({"10000"})
    public int draws;

    private NpePosterior posterior;
    private double[] observation;
    private long seed;

    @Setup
    public void load() throws Exception {
        if (model.isEmpty()) {
            throw new IllegalArgumentException("pass the model file with -p model=PATH.zip");
        }
        posterior = ModelFile.load(Path.of(model), TaskCatalog::byName);
        observation = SbibmData.locate().orElseThrow().observation(posterior.task().name(), 1);
    }

    @Benchmark
    public Samples query() {
        return posterior.sample(observation, draws, Rng.seeded(seed++));
    }
}
