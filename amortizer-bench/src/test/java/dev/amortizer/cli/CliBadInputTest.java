package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command answers bad input with exit code 2, a message naming the fault, and no output file. */
class CliBadInputTest {
    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        StringWriter buffer = new StringWriter();
        int code = Main.run(new PrintWriter(buffer, true), args);
        err = buffer.toString();
        return code;
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private void assertBadInput(String expectedMessage, String... args) {
        assertThat(run(args)).as("exit code of %s (stderr: %s)", List.of(args), err).isEqualTo(2);
        assertThat(err).contains(expectedMessage);
    }

    private void assertNoOutputLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.startsWith("in-"), "only the test's own input files remain");
        }
    }

    @Test
    void whatTheUserTypedReachesTheTerminalEscapedAndCapped() {
        String ansi = "\u001b[31mred\u001b[0m";
        assertBadInput("Unknown option: '--x\\u001b[31mred", "tasks", "--x" + ansi);
        assertThat(err).doesNotContain("\u001b");
        assertBadInput("Invalid value", "simulate", "--task", "two_moons", "--n", "1" + ansi, "--out",
                dir.resolve("in-sim").toString());
        assertThat(err).doesNotContain("\u001b");
        String huge = "y".repeat(1_000_000);
        assertBadInput("Unknown option", "tasks", "--" + huge);
        assertThat(err.lines().findFirst().orElseThrow()).hasSizeLessThan(Main.MESSAGE_LIMIT + 200);
    }

    @Test
    void unknownTaskAndNonPositiveCounts() throws IOException {
        String out = dir.resolve("sim").toString();
        assertBadInput("unknown task 'nope'", "simulate", "--task", "nope", "--n", "10", "--out", out);
        assertBadInput("--n must be between 1", "simulate", "--task", "two_moons", "--n", "0", "--out", out);
        assertBadInput("--n must be between 1", "simulate", "--task", "two_moons", "--n", "-5", "--out", out);
        assertBadInput("--simulations must be between 1", "train", "--task", "two_moons", "--simulations", "0",
                "--out", dir.resolve("m.zip").toString());
        assertBadInput("--observations must be 1..10", "bench", "--observations", "11", "--out", out);
        assertBadInput("unknown task 'nope'", "bench", "--task", "nope", "--out", out);
        assertBadInput("--method: method gibbs is not available", "bench", "--method", "gibbs", "--out", out);
        assertBadInput("methods.mcmc must be >= 1 and increasing, got [-1000]", "bench", "--ladder", "mcmc=-1000",
                "--out", out);
        assertBadInput("methods.tsnpe must be >= 200 and increasing, got [100]", "bench", "--ladder", "tsnpe=100",
                "--out", out);
        assertBadInput("--ladder mcmc: 'lots' is not a whole number", "bench", "--ladder", "mcmc=lots", "--out", out);
        assertBadInput("unknown amortiser 'npe-gru'", "bench", "--amortiser", "npe-gru", "--out", out);
        Path spec = file("in-spec.json", "{\n  \"tasks\": [\"two_moons\"],\n  \"samples\": \"many\"\n}");
        assertBadInput("spec " + spec + ", line 3", "bench", "--spec", spec.toString(), "--out", out);
        Path unknownField = file("in-spec2.json", "{\"simulation\": [1000]}");
        assertBadInput("\"simulation\"", "bench", "--spec", unknownField.toString(), "--out", out);
        assertBadInput("file not found", "bench", "--spec", dir.resolve("in-none.json").toString(), "--out", out);
        assertBadInput("Unknown option", "tasks", "--frobnicate");
        String model = dir.resolve("m.zip").toString();
        assertBadInput("--estimator: unknown estimator 'glow'", "train", "--task", "two_moons", "--simulations", "10",
                "--estimator", "glow", "--out", model);
        assertBadInput("transforms must be in 1..64", "train", "--task", "two_moons", "--simulations", "10",
                "--estimator", "nsf", "--transforms", "0", "--out", model);
        assertBadInput("--invalid must be drop or fail", "train", "--task", "two_moons", "--simulations", "10", "--invalid", "ignore",
                "--out", model);
        assertBadInput("--method must be npe, nle, nre or point", "train", "--task", "two_moons", "--simulations",
                "10", "--method", "abc", "--out", model);
        assertBadInput("--loss applies to --method nre only", "train", "--task", "two_moons", "--simulations", "10",
                "--loss", "c", "--out", model);
        assertBadInput("--loss: unknown NRE loss 'd'", "train", "--task", "two_moons", "--simulations", "10",
                "--method", "nre", "--loss", "d", "--out", model);
        assertBadInput("--estimator: NLE needs a flow estimator", "train", "--task", "two_moons", "--simulations",
                "10", "--method", "nle", "--estimator", "mdn", "--out", model);
        assertBadInput("--patience: patience must be in 1..100000, got 0", "train", "--task", "two_moons",
                "--simulations", "10", "--patience", "0", "--out", model);
        assertBadInput("--decay-factor: decayFactor must be in (0, 1], got 1.5", "train", "--task", "two_moons",
                "--simulations", "10", "--method", "point", "--decay-factor", "1.5", "--out", model);
        assertBadInput("--decay-patience: decayPatience must be in 1..100000, got -3", "train", "--task",
                "two_moons", "--simulations", "10", "--method", "nre", "--decay-patience", "-3", "--out", model);
        assertNoOutputLeft();
    }

    @Test
    void observationProblemsNameTheFileRowAndColumn() throws IOException {
        String out = dir.resolve("ref.csv").toString();
        Path missing = dir.resolve("in-missing.csv");
        assertBadInput("file not found", "reference", "--task", "two_moons", "--observation", missing.toString(),
                "--n", "10", "--out", out);
        Path wide = file("in-wide.csv", "data_1,data_2,data_3\n0.1,0.2,0.3\n");
        assertBadInput("3 columns, expected 2", "reference", "--task", "two_moons", "--observation", wide.toString(),
                "--n", "10", "--out", out);
        Path nan = file("in-nan.csv", "data_1,data_2\n0.1,NaN\n");
        assertBadInput("column 2 (data_2): value NaN is not finite", "reference", "--task", "two_moons",
                "--observation", nan.toString(), "--n", "10", "--out", out);
        Path ragged = file("in-ragged.csv", "data_1,data_2\n0.1\n");
        assertBadInput("row 2: 1 columns, expected 2", "infer", "--task", "two_moons", "--method", "mcmc",
                "--observation", ragged.toString(), "--n", "10", "--out", out);
        Path ok = file("in-ok.csv", "data_1,data_2\n0.1,0.2\n");
        assertBadInput("--method hmc is not available", "infer", "--task", "two_moons", "--method", "hmc",
                "--observation", ok.toString(), "--n", "10", "--out", out);
        assertBadInput("--n must be between 1", "infer", "--task", "two_moons", "--method", "mcmc",
                "--observation", ok.toString(), "--n", "0", "--out", out);
        assertBadInput("give --budget or --seconds, not both", "infer", "--task", "two_moons", "--method", "mcmc",
                "--observation", ok.toString(), "--n", "10", "--budget", "1000", "--seconds", "1", "--out", out);
        assertBadInput("seconds > 0", "infer", "--task", "two_moons", "--method", "mcmc",
                "--observation", ok.toString(), "--n", "10", "--seconds", "-2", "--out", out);
        assertBadInput("tsnpe budget 50 is outside 200..", "infer", "--task", "two_moons", "--method", "tsnpe",
                "--observation", ok.toString(), "--n", "10", "--budget", "50", "--out", out);
        assertNoOutputLeft();
    }

    @Test
    void badModelFilesAndSampleFiles() throws IOException {
        Path ok = file("in-ok.csv", "data_1,data_2\n0.1,0.2\n");
        String out = dir.resolve("s.csv").toString();
        assertBadInput("file not found", "sample", "--model", dir.resolve("in-none.zip").toString(),
                "--observation", ok.toString(), "--n", "10", "--out", out);
        Path garbage = file("in-garbage.zip", "this is not a zip file");
        assertThat(run("sample", "--model", garbage.toString(), "--observation", ok.toString(), "--n", "10",
                "--out", out)).isEqualTo(2);
        assertThat(err).contains("in-garbage.zip");
        Path a = file("in-a.csv", "p1,p2\n0,1\n1,2\n2,3\n3,4\n4,5\n5,6\n6,7\n7,8\n8,9\n9,10\n10,11\n");
        Path b = file("in-b.csv", "p1\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        assertBadInput("has 2 columns but", "c2st", a.toString(), b.toString());
        assertBadInput("file not found", "c2st", a.toString(), dir.resolve("in-absent.csv").toString());
        assertNoOutputLeft();
    }

    @Test
    void tasksListsTheCatalogue() {
        assertThat(run("tasks")).isZero();
    }
}
