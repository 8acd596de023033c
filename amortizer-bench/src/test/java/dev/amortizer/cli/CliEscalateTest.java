package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample --escalate}: the step taken and its cost on standard error, the draws where they always go. */
class CliEscalateTest {
    private static final Path GOLDEN = Path.of("../amortizer-models/src/test/resources/golden/mdn-two_moons-v1.zip");

    @TempDir
    Path dir;
    private Path observation;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeObservation() throws IOException {
        observation = dir.resolve("obs.csv");
        Files.writeString(observation, "data_1,data_2\n0.05,-0.1\n");
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void escalateReportsTheStepAndItsCostAndWritesTheDraws() throws IOException {
        assertThat(GOLDEN).as("the golden model file").isRegularFile();
        Path samples = dir.resolve("draws.csv");
        int code = run("sample", "--model", GOLDEN.toString(), "--observation", observation.toString(), "--n", "500",
                "--escalate", "--mcmc-evaluations", "20000", "--seed", "2", "--out", samples.toString());
        assertThat(code).as("%s", err).isZero();
        assertThat(err.toString()).containsPattern("escalation: answered by step [123] \\((amortised|importance|mcmc)\\)")
                .contains("cost of amortised:").contains("likelihood evaluations").contains("cost in all:");
        assertThat(out.toString()).doesNotContain("escalation");
        Samples draws = SamplesCsv.read(samples);
        assertThat(draws.size()).isEqualTo(500);
        assertThat(draws.names()).containsExactly("parameter_1", "parameter_2");

        Path again = dir.resolve("again.csv");
        assertThat(run("sample", "--model", GOLDEN.toString(), "--observation", observation.toString(), "--n", "500",
                "--escalate", "--mcmc-evaluations", "20000", "--seed", "2", "--out", again.toString())).isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(samples));
    }

    @Test
    void withCheckAnAtypicalObservationIsNotAnsweredByTheAmortiserAlone() throws IOException {
        Path far = dir.resolve("far.csv");
        Files.writeString(far, "data_1,data_2\n0.0,1.5\n"); // beyond every two_moons simulation's data_2
        int code = run("sample", "--model", GOLDEN.toString(), "--observation", far.toString(), "--n", "200",
                "--escalate", "--check", "--mcmc-evaluations", "20000", "--seed", "2", "--out",
                dir.resolve("far-draws.csv").toString());
        assertThat(code).as("%s", err).isZero();
        assertThat(err.toString()).contains("the observation is ATYPICAL")
                .contains("the query gate flagged the observation")
                .containsPattern("escalation: answered by step [23] \\((importance|mcmc)\\)");
    }

    @Test
    void escalationBudgetsWithoutEscalateOrOutOfRangeAreRefused() {
        Path samples = dir.resolve("draws.csv");
        assertThat(run("sample", "--model", GOLDEN.toString(), "--observation", observation.toString(), "--n", "10",
                "--importance-draws", "5000", "--out", samples.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--importance-draws is only used with --escalate");
        assertThat(run("sample", "--model", GOLDEN.toString(), "--observation", observation.toString(), "--n", "10",
                "--escalate", "--importance-draws", "10", "--out", samples.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--importance-draws: importanceDraws is 10, expected 1000 (probeDraws)");
        assertThat(run("sample", "--model", GOLDEN.toString(), "--observation", observation.toString(), "--n", "10",
                "--escalate", "--max-pareto-k", "NaN", "--out", samples.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--max-pareto-k: maxParetoK is NaN");
        assertThat(run("sample", "--model", GOLDEN.toString(), "--observation", observation.toString(), "--n", "10",
                "--escalate", "--min-predicted-ess-share", "2", "--out", samples.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--min-predicted-ess-share: minPredictedEssShare is 2.0, expected [0, 1]");
        assertThat(run("sample", "--model", GOLDEN.toString(), "--observation", observation.toString(), "--n", "10",
                "--min-predicted-ess-share", "0.5", "--out", samples.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--min-predicted-ess-share is only used with --escalate");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(samples).doesNotExist();
    }

    @Test
    void aModelWithoutADensityIsRefused() {
        Path model = dir.resolve("nre.zip");
        assertThat(run("train", "--task", "two_moons", "--method", "nre", "--simulations", "200", "--out",
                model.toString(), "--seed", "4")).as("%s", err).isZero();
        assertThat(run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "10",
                "--escalate", "--out", dir.resolve("draws.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--escalate: --model " + model + " is a nre model")
                .contains("no density").doesNotContain("\tat ");
    }
}
