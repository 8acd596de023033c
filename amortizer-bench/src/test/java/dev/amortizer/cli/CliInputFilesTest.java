package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.random.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted input files through the command line: exit 2 and a message naming the file, never a wrong answer. */
class CliInputFilesTest {
    @TempDir
    Path dir;

    private String err;
    private String out;

    private int run(String... args) {
        StringWriter buffer = new StringWriter();
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(new PrintWriter(buffer, true), args);
            err = buffer.toString();
            return code;
        } finally {
            System.setOut(stdout);
            out = captured.toString(StandardCharsets.UTF_8);
        }
    }

    private Path normal(String name, int n, double mean, long seed) throws IOException {
        Rng rng = Rng.seeded(seed);
        double[][] rows = new double[n][2];
        for (double[] row : rows) {
            row[0] = mean + rng.nextGaussian();
            row[1] = rng.nextGaussian();
        }
        Path f = dir.resolve(name);
        SamplesCsv.write(Samples.of(Samples.defaultNames("parameter", 2), rows), f);
        return f;
    }

    @Test
    void c2stRefusesAReferenceWhoseStandardisationOverflows() throws IOException {
        StringBuilder huge = new StringBuilder("parameter_1,parameter_2\n");
        for (int i = 0; i < 500; i++) {
            huge.append(i % 2 == 0 ? "1e308" : "-1e308").append(",0.5\n");
        }
        Path ref = Files.writeString(dir.resolve("huge.csv"), huge);
        Path other = normal("n01.csv", 500, 0, 1);

        assertThat(run("c2st", ref.toString(), other.toString())).as(err).isEqualTo(2);
        assertThat(err).contains("huge.csv, column 1 (parameter_1)").contains("overflows").doesNotContain("Exception");
        assertThat(out).isEmpty();
    }

    @Test
    void c2stSaysWhenItSubsamplesAndWhenAScoreIsChance() throws IOException {
        Path big = normal("big.csv", 100, 0, 2);
        Path small = normal("small.csv", 10, 0, 3);

        assertThat(run("c2st", big.toString(), small.toString(), "--seed", "5")).as(err).isZero();
        double score = Double.parseDouble(out.strip());
        assertThat(err).contains("warning: " + big + " has 100 rows and " + small + " has 10")
                .contains("comparing 10 rows of each, a larger set's drawn at random with --seed 5");
        if (score < 0.5) {
            assertThat(err).contains("below 0.5, which only chance gives");
        }
        assertThat(run("c2st", big.toString(), small.toString(), "--seed", "5")).isZero();
        assertThat(Double.parseDouble(out.strip())).isEqualTo(score);
    }

    @Test
    void c2stRefusesColumnsInAnotherOrder() throws IOException {
        Path a = normal("a.csv", 50, 0, 4);
        Path b = Files.writeString(dir.resolve("b.csv"), Files.readString(normal("b0.csv", 50, 0, 5))
                .replaceFirst("parameter_1,parameter_2", "parameter_2,parameter_1"));
        assertThat(run("c2st", a.toString(), b.toString())).isEqualTo(2);
        assertThat(err).contains("another order");
    }

    @Test
    void observationsAreCheckedByHeaderAndSupport() throws IOException {
        String outFile = dir.resolve("ref.csv").toString();
        for (var bad : List.of(
                List.of("data_2,data_1\n0.1,0.2\n", "another order"),
                List.of("0.1,0.2\n", "header row is missing"),
                List.of("data_1,data_2\n1e308,0.2\n", "value 1 (data_1) is 1.0E308, outside the data's support"),
                List.of("data_1,data_2\n0.1,\u001b[31mred\n", "not a number: '\\u001b[31mred'"))) {
            Path obs = Files.writeString(dir.resolve("obs.csv"), bad.get(0));
            assertThat(run("reference", "--task", "two_moons", "--observation", obs.toString(), "--n", "10",
                    "--out", outFile)).as(err).isEqualTo(2);
            assertThat(err).contains("obs.csv").contains(bad.get(1)).doesNotContain("\u001b");
        }
        Path counts = Files.writeString(dir.resolve("counts.csv"),
                "data_1,data_2,data_3,data_4,data_5,data_6,data_7,data_8,data_9,data_10\n-3,1,2,3,4,5,6,7,8,9\n");
        assertThat(run("infer", "--task", "bernoulli_glm", "--method", "mcmc", "--observation", counts.toString(),
                "--n", "10", "--out", outFile)).isEqualTo(2);
        assertThat(err).contains("value 1 (data_1) is -3.0").contains("whole numbers");
        assertThat(dir.resolve("ref.csv")).doesNotExist();
    }

    @Test
    void unknownNamesAreEscapedAndCapped() {
        String name = "\u001b]0;pwned\u0007" + "t".repeat(100_000);
        assertThat(run("simulate", "--task", name, "--n", "10", "--out", dir.resolve("sim").toString())).isEqualTo(2);
        assertThat(err).contains("unknown task '\\u001b]0;pwned\\u0007").contains("(100010 characters)")
                .doesNotContain("\u001b").hasSizeLessThan(1_000);
    }
}
