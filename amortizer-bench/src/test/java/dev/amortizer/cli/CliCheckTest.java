package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amortizer.bench.report.CheckReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amortizer check} on a small two_moons model: the files, their contents, determinism and bad input. */
class CliCheckTest {
    @TempDir
    static Path dir;
    static Path model;
    private String err;
    private String out;

    @BeforeAll
    static void train() {
        model = dir.resolve("moons.zip");
        assertThat(Main.run(new PrintWriter(new StringWriter(), true), "train", "--task", "two_moons", "--simulations",
                "1000", "--out", model.toString(), "--seed", "3")).isZero();
    }

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void writesEveryFileOfTheReport() throws IOException {
        Path report = dir.resolve("check");
        assertThat(run("check", "--model", model.toString(), "--simulations", "60", "--draws", "49", "--out",
                report.toString(), "--seed", "5")).as(err).isZero();
        for (String f : CheckReportWriter.FILES) {
            assertThat(report.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(out).contains("SBC").contains("coverage").contains("TARP");
        JsonNode json = new ObjectMapper().readTree(report.resolve("check.json").toFile());
        assertThat(json.get("task").asText()).isEqualTo("two_moons");
        assertThat(json.get("model").asText()).isEqualTo("moons.zip");
        assertThat(json.get("simulations").asInt() + json.get("dropped").asInt()).isEqualTo(60);
        assertThat(json.get("draws").asInt()).isEqualTo(49);
        assertThat(json.get("hpdDensity").asText()).isEqualTo("posterior density"); // NPE has its own density
        assertThat(json.get("parameters")).hasSize(2);
        assertThat(json.get("coverage").get("levels")).hasSize(19);
        double gap = 0;
        for (int i = 0; i < 19; i++) { // the expected coverage error is the coverage curve's mean gap
            gap += Math.abs(json.get("coverage").get("observed").get(i).asDouble()
                    - json.get("coverage").get("levels").get(i).asDouble()) / 19;
        }
        assertThat(json.get("coverageError").asDouble()).isCloseTo(gap, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(json.get("logScore").isNumber()).as("NPE has a density: a log score").isTrue();
        assertThat(json.get("queryCost").get("wallSeconds").asDouble()).isPositive();
        assertThat(json.get("simulationCost").get("simulatorCalls").asLong()).isEqualTo(60);
        // one row per simulation and parameter, ranks within 0..L
        var rows = Files.readAllLines(report.resolve("check.csv"));
        assertThat(rows.get(0)).isEqualTo("simulation,parameter,rank,z,contraction,hpd_level,tarp_fraction");
        assertThat(rows).hasSize(1 + 2 * json.get("simulations").asInt());
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(Integer.parseInt(r.split(",")[2]))
                .isBetween(0, 49));
        String html = Files.readString(report.resolve("check.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain(dir.toString());
        assertThat(Files.readString(report.resolve("check.md"))).doesNotContain(dir.toString());

        Path again = dir.resolve("again");
        assertThat(run("check", "--model", model.toString(), "--simulations", "60", "--draws", "49", "--out",
                again.toString(), "--seed", "5")).as(err).isZero();
        assertThat(Files.readString(again.resolve("check.csv"))).isEqualTo(Files.readString(report.resolve("check.csv")));
    }

    @Test
    void badSizesAndOutputsAreExitTwoBeforeAnyWork() throws IOException {
        assertThat(run("check", "--model", model.toString(), "--simulations", "5", "--out", dir.resolve("a").toString()))
                .isEqualTo(2);
        assertThat(err).contains("--simulations").contains("5");
        assertThat(run("check", "--model", model.toString(), "--draws", "0", "--out", dir.resolve("b").toString()))
                .isEqualTo(2);
        assertThat(err).contains("--draws");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThat(run("check", "--model", model.toString(), "--out", file.toString())).isEqualTo(2);
        assertThat(err).contains("--out");
        assertThat(run("check", "--model", dir.resolve("missing.zip").toString(), "--out", dir.resolve("c").toString()))
                .isEqualTo(2);
        assertThat(err).contains("--model");
        assertThat(run("check", "--model", model.toString(), "--simulations", "100000000", "--draws", "100000",
                "--out", dir.resolve("d").toString())).isEqualTo(2);
        assertThat(err).contains("memory");
    }
}
