package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amortizer.bench.report.PlanWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        StringWriter e = new StringWriter();
        StringWriter o = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        err = e.toString();
        out = o.toString();
        return code;
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
        assertBadInput("unknown amortiser", "--amortiser", "oracle");
        assertBadInput("--replicates must be 10..100000", "--replicates", "3");
        assertBadInput("'--queries'", "--queries", "ten");
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
        JsonNode c2st = at10k.get("c2st");
        assertThat(c2st.get("low").asDouble()).isLessThanOrEqualTo(c2st.get("estimate").asDouble());
        assertThat(c2st.get("estimate").asDouble()).isLessThanOrEqualTo(c2st.get("high").asDouble());
        assertThat(json.get("anytime").get(0).get("reason").asText()).isNotBlank();
        JsonNode pilot = json.get("pilot");
        assertThat(pilot.get("pieces").get(0).get("name").asText()).isEqualTo("warm-up");
        assertThat(pilot.get("pieces").get(1).get("c2sts").asInt()).as("npe@100 on 2 observations").isEqualTo(2);
        assertThat(pilot.get("wallSeconds").asDouble()).isPositive();
        assertThat(pilot.get("c2stFolds").asInt()).isEqualTo(5);
        assertThat(out).contains("two_moons at C2ST ≤ 0.900");
        String html = Files.readString(plan.resolve("plan.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("<script").doesNotContain("http");
    }
}
