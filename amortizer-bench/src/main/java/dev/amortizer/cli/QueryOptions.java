package dev.amortizer.cli;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --observation OBS.csv --n N --out SAMPLES.csv}: one observation answered with N draws. */
final class QueryOptions {
    @Option(names = "--observation", required = true, description = "CSV with one data row")
    Path observation;
    @Option(names = "--n", required = true, description = "number of draws")
    long n;
    @Option(names = "--out", required = true, description = "output CSV (.csv or .csv.gz)")
    Path out;

    int count() {
        return Inputs.positive("--n", n);
    }

    double[] observation(Task task) throws IOException {
        return Inputs.observation(observation, task);
    }

    /** Writes the draws atomically and says so. */
    void write(Samples draws, String what) throws IOException {
        SamplesCsv.write(draws, out);
        System.out.println("wrote " + draws.size() + " " + what + " to " + out);
    }
}
