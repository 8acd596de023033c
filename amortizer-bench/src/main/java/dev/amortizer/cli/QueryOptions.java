package dev.amortizer.cli;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.data.SbibmData;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --observation OBS --n N --out SAMPLES.csv}: one observation answered with N draws. OBS is a CSV file with
 * one data row or, where no file of that name exists, a number 1..10 naming sbibm's observation of the task.
 */
final class QueryOptions {
    @Option(names = "--observation", required = true, description = "CSV with one data row, or 1-10 for sbibm's"
            + " observation of the task (read from ../shared/sbibm)")
    Path observation;
    @Option(names = "--n", required = true, description = "number of draws")
    long n;
    @Option(names = "--out", required = true, description = "output CSV (.csv or .csv.gz); an existing file is"
            + " replaced (said on stderr), anything else there is refused")
    Path out;

    int count() {
        return Inputs.positive("--n", n);
    }

    /**
     * Checks the observation and the output before any work: the file exists and is a file (or the number is in
     * 1..10 and sbibm's data are there), and the output may be written and is none of the inputs.
     */
    void checkFiles(PrintWriter err, Path... otherInputs) throws IOException {
        if (sbibmNumber()) {
            int k = Integer.parseInt(observation.toString());
            if (k < 1 || k > SbibmData.OBSERVATIONS) {
                throw new IllegalArgumentException("--observation " + observation + ": no such file, and sbibm's"
                        + " observations are 1.." + SbibmData.OBSERVATIONS);
            }
            sbibm();
        } else {
            Inputs.file("--observation", observation);
        }
        Path[] inputs = java.util.Arrays.copyOf(otherInputs, otherInputs.length + 1);
        inputs[otherInputs.length] = observation;
        Outputs.file(err, "--out", out, inputs);
    }

    /** The observation, checked against the task. */
    double[] observation(Task task) throws IOException {
        if (!sbibmNumber()) {
            return Inputs.observation(observation, task);
        }
        double[] x = sbibm().observation(task.name(), Integer.parseInt(observation.toString()));
        try {
            task.checkObservation(x);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--observation " + observation + " (sbibm's): " + e.getMessage(), e);
        }
        return x;
    }

    /** Writes the draws atomically and says so. */
    void write(PrintWriter stdout, Samples draws, String what) throws IOException {
        SamplesCsv.write(draws, out);
        stdout.println("wrote " + draws.size() + " " + what + " to " + out);
    }

    private boolean sbibmNumber() {
        return observation.toString().matches("\\d{1,2}") && !Files.exists(observation);
    }

    private SbibmData sbibm() {
        return SbibmData.locate().orElseThrow(() -> new IllegalArgumentException("--observation " + observation
                + ": no such file, and no ../shared/sbibm to read sbibm's observation " + observation + " from"));
    }
}
