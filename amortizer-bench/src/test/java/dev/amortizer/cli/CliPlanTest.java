package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amortizer.bench.report.PlanWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amortizer plan}: bad input is exit 2 naming the fault, before any work; a tiny plan runs end to end. */
class CliPlanTest {
    @TempDir
    Path dir;

    private String err;
    private String out;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private void assertBadInput(String message, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("plan", "--task", "two_moons", "--queries", "10",
                "--out", dir.resolve("plan").toString()));
        args.addAll(List.of(extra));
        assertThat(run(args.toArray(String[]::new))).as("exit code of %s (stderr: %s)", args, err).isEqualTo(2);
        assertThat(err).contains(message).doesNotContain("\tat ");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("nothing written").isEmpty();
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() throws IOException {
        assertBadInput("--target-c2st must be in (0.5, 1)", "--target-c2st", "0.4");
        assertBadInput("--target-c2st must be in (0.5, 1)", "--target-c2st", "NaN");
        assertBadInput("--queries must be whole numbers >= 1", "--queries", "0");
        assertBadInput("--pilot-seconds must be a finite number > 0", "--pilot-seconds", "-3");
        assertBadInput("--min-gain-per-second must be", "--min-gain-per-second", "-1");
        assertBadInput("--price-per-simulation must be", "--price-per-simulation", "Infinity");
        assertBadInput("--pilot-simulations must be >= 100 and increasing", "--pilot-simulations", "500,250");
        assertBadInput("--pilot-simulations needs at least two budgets", "--pilot-simulations", "500");
        assertBadInput("--method nuts", "--method", "nuts=30000,lots");
        assertBadInput("unknown direct method", "--method", "magic=1,2");
        assertBadInput("--method mcmc needs at least two budgets", "--method", "mcmc=1000");
        assertBadInput("--observations must be 1..10", "--observations", "11");
        assertBadInput("--pilot-c2st-folds must be 1..5, got 6", "--pilot-c2st-folds", "6");
        assertBadInput("--pilot-c2st-folds must be 1..5, got 0", "--pilot-c2st-folds", "0");
        assertBadInput("unknown amortiser", "--amortiser", "oracle");
        assertBadInput("--replicates must be 10..100000", "--replicates", "3");
        assertBadInput("'--queries'", "--queries", "ten");
        assertBadInput("--target-calibration must be in (0, 0.5)", "--target-calibration", "0.7");
        assertBadInput("give one target, not both", "--target-calibration", "0.05", "--target-c2st", "0.6");
        assertBadInput("--held-out must be 20..100000", "--target-calibration", "0.05", "--held-out", "5");
        assertBadInput("--min-log-score-gain must be", "--target-calibration", "0.05", "--min-log-score-gain", "0");
    }

    @Test
    void anUnknownTaskAndAMissingOptionAreBadInput() {
        assertThat(run("plan", "--task", "no_such_task", "--queries", "10", "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("no_such_task");
        assertThat(run("plan", "--task", "two_moons", "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("--queries");
    }

    @Test
    void aTinyPlanWritesEveryFileWithIntervalsAndARecommendationPerVolume() throws IOException {
        Path plan = dir.resolve("plan");
        int code = run("plan", "--task", "two_moons", "--queries", "10,100000", "--pilot-simulations", "100,200,300",
                "--observations", "2", "--samples", "300", "--method", "rejection-abc=300,1000,3000",
                "--target-c2st", "0.9", "--replicates", "40", "--seed", "3", "--out", plan.toString());
        assertThat(code).as("stderr: %s", err).isZero();
        for (String f : PlanWriter.FILES) {
            assertThat(plan.resolve(f)).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(plan.resolve("plan.json").toFile());
        assertThat(json.get("recommendations")).hasSize(2);
        for (JsonNode r : json.get("recommendations")) {
            assertThat(r.get("option").asText()).isIn("amortise", "rejection-abc", "none");
            assertThat(r.get("agreement").asDouble()).isBetween(0.0, 1.0);
        }
        JsonNode at10k = json.get("predictions").get(1);
        assertThat(at10k.get("simulations").asInt()).isEqualTo(10_000);
        JsonNode c2st = at10k.get("accuracy");
        assertThat(c2st.get("low").asDouble()).isLessThanOrEqualTo(c2st.get("estimate").asDouble());
        assertThat(c2st.get("estimate").asDouble()).isLessThanOrEqualTo(c2st.get("high").asDouble());
        assertThat(json.get("anytime").get(0).get("reason").asText()).isNotBlank();
        JsonNode pilot = json.get("pilot");
        assertThat(pilot.get("pieces").get(0).get("name").asText()).isEqualTo("warm-up");
        assertThat(pilot.get("pieces").get(1).get("c2sts").asInt()).as("npe@100 on 2 observations").isEqualTo(2);
        assertThat(pilot.get("wallSeconds").asDouble()).isPositive();
        assertThat(pilot.get("c2stFolds").asInt()).as("the first of sbibm's 5 folds").isEqualTo(1);
        JsonNode raw = new ObjectMapper().readTree(plan.resolve("pilot.json").toFile());
        assertThat(raw.get("points").get(0).get("c2st")).as("one C2ST per observation").hasSize(2);
        JsonNode steps = raw.get("passCost");
        assertThat(steps).as("the MDN's minibatch grows at 8,192 and 16,384 simulations, within 100 × 300").hasSize(2);
        assertThat(steps.get(0).get("fromSimulations").asInt()).isEqualTo(8192);
        assertThat(steps.get(1).get("minibatches").get(0).asInt()).isEqualTo(128);
        for (JsonNode s : steps) {
            assertThat(s.get("wallRatio").asDouble()).isPositive().isFinite();
            assertThat(s.get("cpuRatio").asDouble()).isPositive().isFinite();
        }
        JsonNode f = json.get("fits").get("amortiserFixedSeconds");
        assertThat(f.get("passRatios")).hasSize(2);
        assertThat(f.get("trainingShare").asDouble()).isBetween(0.01, 1.0);
        assertThat(pilot.get("pieces").toString()).contains("pass-cost probe");
        assertThat(out).contains("two_moons at C2ST ≤ 0.900");
        assertThat(Files.readString(plan.resolve("plan.md"))).contains("each C2ST scored on 1 of sbibm's 5 folds");
        String html = Files.readString(plan.resolve("plan.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("<script").doesNotContain("http");
    }

    /**
     * A task of the user's own with no likelihood and so no reference: a C2ST target is refused (exit 2, pointing to
     * the calibration target) before anything runs; a calibration target plans, the direct methods that need a
     * likelihood are left out with notes, and the amortiser's coverage error and log score fill the plan.
     */
    @Test
    void aTaskWithoutAReferencePlansOnCalibration() throws IOException {
        assumeTrue(CliUserTaskTest.python(), "python3 is not on the PATH: the example's simulator is a Python script");
        Path example = Path.of("../amortizer-models/examples/conjugate-normal").toAbsolutePath().normalize();
        Path spec = dir.resolve("task.json");
        Files.writeString(spec, """
                {"name": "simulator_only",
                 "parameters": [{"name": "mu_1", "prior": {"type": "normal", "mean": 0, "sd": 1}},
                                {"name": "mu_2", "prior": {"type": "normal", "mean": 0, "sd": 1}},
                                {"name": "mu_3", "prior": {"type": "normal", "mean": 0, "sd": 1}}],
                 "data": ["x_1_1", "x_1_2", "x_1_3", "x_2_1", "x_2_2", "x_2_3"],
                 "simulator": {"command": ["python3", "%s"], "timeoutSeconds": 60}}
                """.formatted(example.resolve("simulator.py").toString().replace("\\", "/")));
        Path refused = dir.resolve("refused");
        assertThat(run("plan", "--task", spec.toString(), "--queries", "10", "--out", refused.toString()))
                .as("stderr: %s", err).isEqualTo(2);
        assertThat(err).contains("no reference").contains("--target-calibration").doesNotContain("\tat ");

        Path plan = dir.resolve("plan");
        int code = run("plan", "--task", spec.toString(), "--queries", "10,100000", "--target-calibration", "0.2",
                "--held-out", "40", "--pilot-simulations", "200,400,800", "--observations", "2", "--samples", "300",
                "--replicates", "40", "--seed", "5", "--out", plan.toString());
        assertThat(code).as("stderr: %s", err).isZero();
        for (String f : PlanWriter.FILES) {
            assertThat(plan.resolve(f)).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(plan.resolve("plan.json").toFile());
        assertThat(json.get("targetC2st").isNull()).isTrue();
        assertThat(json.get("targetCoverageError").asDouble()).isEqualTo(0.2);
        assertThat(json.get("heldOut").asInt()).isEqualTo(40);
        assertThat(json.get("pilot").get("notes").toString()).contains("mcmc skipped").contains("nuts skipped");
        for (JsonNode p : json.get("pilot").get("points")) {
            assertThat(p.get("coverageError").asDouble()).isBetween(0.0, 0.5);
            assertThat(p.get("logScore").isNumber()).isTrue();
            assertThat(p.get("meanC2st").isNull()).isTrue();
        }
        for (JsonNode r : json.get("recommendations")) {
            assertThat(r.get("option").asText()).isIn("amortise", "none");
        }
        assertThat(json.get("logScoreGain").get("to").asInt()).isEqualTo(800);
        JsonNode raw = new ObjectMapper().readTree(plan.resolve("pilot.json").toFile());
        assertThat(raw.get("measure").asText()).isEqualTo("COVERAGE_ERROR");
        assertThat(raw.get("points").get(0).get("hpdLevels")).as("one per held-out simulation").hasSize(40);
        assertThat(raw.get("points").get(0).get("truthLogDensities")).hasSize(40);
        assertThat(out).contains("simulator_only at the amortiser's coverage error ≤ 0.200")
                .contains("held-out log score");
        Files.deleteIfExists(Path.of("simulator_only.simulator.log"));
    }
}
