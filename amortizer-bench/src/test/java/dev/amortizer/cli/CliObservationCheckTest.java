package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amortizer sample --check} on a small two_moons model: the report, the JSON, unchanged draws, bad input. */
class CliObservationCheckTest {
    @TempDir
    static Path dir;
    static Path model;
    private String err;

    @BeforeAll
    static void train() {
        model = dir.resolve("moons.zip");
        // Minibatches of 512 rows, not the default's 32 at this budget, and no mean shift: the observations below were
        // chosen for how this model extrapolates (how much mass it leaves inside the prior's box far from the
        // simulations); a mean shift carries the means linearly out of the box there.
        assertThat(Main.run(new PrintWriter(new StringWriter(), true), "train", "--task", "two_moons", "--simulations",
                "1000", "--batch-size", "512", "--no-linear-shift", "--out", model.toString(), "--seed", "3")).isZero();
    }

    private int run(String... args) {
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true), args);
        err = e.toString();
        return code;
    }

    private Path observation(String name, double x1, double x2) throws IOException {
        return Files.writeString(dir.resolve(name), "data_1,data_2\n" + x1 + "," + x2 + "\n");
    }

    @Test
    void checksATypicalObservationWithoutChangingTheDraws() throws IOException {
        Path obs = observation("typical.csv", -0.6, 0.1); // near the middle of the simulations
        Path plain = dir.resolve("plain.csv");
        Path checked = dir.resolve("checked.csv");
        Path json = dir.resolve("check.json");
        assertThat(run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "300", "--out",
                plain.toString(), "--seed", "4")).as(err).isZero();
        assertThat(run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "300", "--out",
                checked.toString(), "--seed", "4", "--check-out", json.toString())).as(err).isZero();
        assertThat(Files.readString(checked)).isEqualTo(Files.readString(plain));
        assertThat(err).contains("typicality").contains("Pareto-k").contains("predictive").contains("verdict")
                .contains("data_1").doesNotContain("Exception");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("task").asText()).isEqualTo("two_moons");
        assertThat(report.get("model").asText()).isEqualTo("moons.zip");
        assertThat(report.get("seed").asLong()).isEqualTo(4);
        assertThat(report.get("typicality").get("pValue").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("paretoK").isNumber()).isTrue(); // NPE has a density and two_moons a likelihood
        assertThat(report.get("coordinates")).hasSize(2);
        assertThat(report.get("predictivePValue").isNumber()).isTrue();
        assertThat(report.get("simulations").asLong()).isEqualTo(1000 + 1000 + 500);
        assertThat(report.get("wallSeconds").asDouble()).isPositive();
        assertThat(report.get("trustworthy").asBoolean()).isEqualTo(report.get("warnings").isEmpty());
    }

    @Test
    void anObservationThePosteriorCannotAnswerExitsTwoNamingIt() throws IOException {
        // this model's posterior at (0, 10) puts about 2 in 10,000 draws inside the prior's box
        Path obs = observation("unanswerable.csv", 0.0, 10.0);
        assertThat(run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "1000",
                "--out", dir.resolve("none.csv").toString(), "--seed", "1")).as(err).isEqualTo(2);
        assertThat(err).contains("--observation " + obs).contains("almost no mass").contains("sample --check")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("none.csv")).doesNotExist();
    }

    @Test
    void flagsAnObservationFarFromEverySimulation() throws IOException {
        Path obs = observation("far.csv", 0.5, 2.5); // far outside, yet the posterior still has draws in the box
        Path json = dir.resolve("far.json");
        assertThat(run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "100", "--out",
                dir.resolve("far-draws.csv").toString(), "--check", "--check-out", json.toString(), "--seed", "1"))
                .as(err).isZero();
        assertThat(err).contains("the observation is ATYPICAL").contains("NOT trustworthy")
                .contains("warning: x_o is atypical");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("typicality").get("atypical").asBoolean()).isTrue();
        assertThat(report.get("trustworthy").asBoolean()).isFalse();
    }

    @Test
    void badCheckOutputsAreExitTwoBeforeAnyWork() throws IOException {
        Path obs = observation("bad.csv", -0.6, 0.1);
        Path out = dir.resolve("same.csv");
        assertThat(run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "10", "--out",
                out.toString(), "--check-out", out.toString())).isEqualTo(2);
        assertThat(err).contains("--check-out").contains("is also --out").doesNotContain("Exception");
        assertThat(out).doesNotExist();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "10", "--out",
                out.toString(), "--check-out", file.resolve("check.json").toString())).isEqualTo(2);
        assertThat(err).contains("--check-out").contains("is not a folder").doesNotContain("Exception");
        assertThat(run("sample", "--model", model.toString(), "--observation", obs.toString(), "--n", "10", "--out",
                out.toString(), "--check-out", model.toString())).isEqualTo(2);
        assertThat(err).contains("--check-out").contains("would destroy the input");
    }
}
