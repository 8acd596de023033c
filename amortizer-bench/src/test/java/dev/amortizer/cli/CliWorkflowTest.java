package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.data.SbibmData;
import dev.amortizer.testing.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → sample → c2st on sbibm's own files, and simulate / reference / infer, through the command line. */
class CliWorkflowTest {
    @TempDir
    Path dir;

    private int run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(err, true), args);
        assertThat(code).as("%s failed: %s", String.join(" ", args), err).isZero();
        return code;
    }

    @Test
    void trainSampleAndScoreAgainstSbibmsReference() throws IOException {
        SbibmData data = TestData.sbibm();
        Path observation = data.observationFile("two_moons", 1);
        Path reference = data.referenceFile("two_moons", 1);
        Path model = dir.resolve("moons.zip");
        Path samples = dir.resolve("npe.csv");
        run("train", "--task", "two_moons", "--simulations", "1000", "--out", model.toString(), "--seed", "3");
        run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "2000",
                "--out", samples.toString());
        Samples draws = SamplesCsv.read(samples);
        assertThat(draws.size()).isEqualTo(2000);
        assertThat(draws.names()).containsExactly("parameter_1", "parameter_2");
        run("c2st", reference.toString(), samples.toString());

        run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "2000",
                "--out", dir.resolve("again.csv").toString());
        assertThat(Files.readString(dir.resolve("again.csv"))).isEqualTo(Files.readString(samples));
    }

    @Test
    void everyMethodTrainsAndSamples() throws IOException {
        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "data_1,data_2\n0.05,-0.1\n");
        for (String[] method : new String[][] {{"nle", "400"}, {"nre", "200"}, {"point", "400"}}) {
            Path model = dir.resolve(method[0] + ".zip");
            Path samples = dir.resolve(method[0] + ".csv");
            run("train", "--task", "two_moons", "--method", method[0], "--simulations", method[1], "--out",
                    model.toString(), "--seed", "4");
            run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "300", "--out",
                    samples.toString(), "--seed", "5");
            Samples draws = SamplesCsv.read(samples);
            assertThat(draws.size()).as(method[0]).isEqualTo(300);
            assertThat(draws.names()).containsExactly("parameter_1", "parameter_2");
        }
    }

    @Test
    void flowOptionsReachTheSavedModel() throws IOException {
        Path model = dir.resolve("shift.zip");
        run("train", "--task", "two_moons", "--estimator", "nsf", "--linear-shift", "--bins", "6", "--simulations",
                "300", "--out", model.toString(), "--seed", "2");
        var flow = dev.amortizer.model.ModelFile.readManifest(model).config().flow();
        assertThat(flow.linearShift()).isTrue();
        assertThat(flow.bins()).isEqualTo(6);
    }

    @Test
    void scheduleOptionsReachTheKeptCandidatesSavedModel() throws IOException {
        Path model = dir.resolve("schedule.zip");
        run("train", "--task", "gaussian_linear", "--hidden", "8,8", "--simulations", "300", "--max-epochs", "4",
                "--patience", "7", "--decay-factor", "0.25", "--decay-patience", "3", "--out", model.toString(),
                "--seed", "2");
        var schedule = dev.amortizer.model.ModelFile.readManifest(model).config().schedule();
        assertThat(schedule.maxEpochs()).isEqualTo(4);
        assertThat(schedule.patience()).isEqualTo(7);
        assertThat(schedule.decayFactor()).isEqualTo(0.25);
        assertThat(schedule.decayPatience()).isEqualTo(3);
        assertThat(schedule.learningRate()).as("untouched").isEqualTo(1e-3);
    }

    @Test
    void fmpeTrainsWithItsOptionsAndSamplesFromTheSavedModel() throws IOException {
        Path model = dir.resolve("fmpe.zip");
        run("train", "--task", "two_moons", "--estimator", "fmpe", "--hidden", "16,16", "--max-epochs", "3",
                "--simulations", "300", "--out", model.toString(), "--seed", "2");
        var config = dev.amortizer.model.ModelFile.readManifest(model).config();
        assertThat(config.hiddenWidths()).containsExactly(16, 16);
        assertThat(config.matching().odeSteps()).isEqualTo(20);
        Path obs = Files.writeString(dir.resolve("obs.csv"), "data_1,data_2\n0.05,-0.1\n");
        Path samples = dir.resolve("fmpe.csv");
        run("sample", "--model", model.toString(), "--n", "50", "--observation", obs.toString(), "--out",
                samples.toString());
        assertThat(SamplesCsv.read(samples).size()).isEqualTo(50);
    }

    @Test
    void simulateReferenceAndInferWriteTheirFiles() throws IOException {
        run("simulate", "--task", "gaussian_linear", "--n", "50", "--out", dir.resolve("sims").toString());
        assertThat(SamplesCsv.read(dir.resolve("sims/theta.csv")).size()).isEqualTo(50);
        assertThat(SamplesCsv.read(dir.resolve("sims/x.csv")).dim()).isEqualTo(10);
        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "data_1,data_2\n0.05,-0.1\n");
        run("reference", "--task", "two_moons", "--observation", obs.toString(), "--n", "500",
                "--out", dir.resolve("ref.csv.gz").toString());
        assertThat(SamplesCsv.read(dir.resolve("ref.csv.gz")).size()).isEqualTo(500);
        for (String method : new String[] {"mcmc", "rejection-abc", "nuts", "slice"}) {
            Path out = dir.resolve(method + ".csv");
            run("infer", "--task", "two_moons", "--method", method, "--observation", obs.toString(), "--n", "500",
                    "--budget", "20000", "--out", out.toString());
            assertThat(SamplesCsv.read(out).size()).isEqualTo(500);
        }
        Path timed = dir.resolve("timed.csv");
        run("infer", "--task", "two_moons", "--method", "slice", "--observation", obs.toString(), "--n", "500",
                "--seconds", "0.5", "--out", timed.toString());
        assertThat(SamplesCsv.read(timed).size()).isEqualTo(500);
    }

    @Test
    void evaluatePrintsItsTableWithTheHeaderRows() throws IOException {
        TestData.sbibm();
        Path golden = Path.of("../amortizer-models/src/test/resources/golden/mdn-two_moons-v1.zip");
        assertThat(golden).as("the golden model file").isRegularFile();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path table = dir.resolve("table.md");
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "evaluate", "--model",
                golden.toString(), "--observations", "1", "--n", "300", "--out", table.toString());
        assertThat(code).as("%s", err).isZero();
        assertThat(out.toString().lines().toList()).startsWith("| observation | C2ST | query ms |", "|---|---|---|");
        assertThat(out.toString().lines().skip(2).findFirst().orElseThrow()).startsWith("| 1 | ");
        assertThat(Files.readString(table)).startsWith("| observation | C2ST | query ms |\n|---|---|---|\n| 1 | ");
    }

    @Test
    void benchKeepsProgressOffStandardOutput() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path report = dir.resolve("report");
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "--task", "two_moons",
                "--simulations", "100", "--observations", "1", "--samples", "100", "--method", "rejection-abc",
                "--ladder", "rejection-abc=1000", "--no-hybrid", "--replicates", "10", "--out", report.toString());
        assertThat(code).as("%s", err).isZero();
        String stdout = out.toString();
        assertThat(stdout).contains("contender").contains("mean C2ST")
                .doesNotContain("training ").doesNotContain("profiling ").doesNotContain("observation  1:")
                .doesNotContain("wrote ");
        assertThat(err.toString()).contains("wrote ").contains(report.toString());
        assertThat(report.resolve("report.json")).isNotEmptyFile();
    }
}
