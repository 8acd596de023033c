package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.bench.plan.PilotData;
import dev.amortizer.bench.plan.PilotFile;
import dev.amortizer.bench.plan.PilotFixtures;
import dev.amortizer.bench.report.PlanWriter;
import dev.amortizer.data.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amortizer plan --pilot}: a stored pilot is refitted without running anything, in its own folder or another;
 * a pilot file is untrusted input, refused with exit 2 naming the field, nothing written.
 */
class CliPlanFromPilotTest {
    @TempDir
    Path dir;
    private Path pilot;
    private String err;
    private String out;

    @BeforeEach
    void writePilot() throws IOException {
        pilot = dir.resolve("stored").resolve("pilot.json");
        Files.createDirectories(pilot.getParent());
        Files.write(pilot, StrictJson.MAPPER.writeValueAsBytes(pilot()));
    }

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private int plan(Path from, Path to, String... extra) {
        List<String> args = new ArrayList<>(List.of("plan", "--task", "two_moons", "--queries", "10,100000",
                "--target-c2st", "0.56", "--replicates", "50", "--pilot", from.toString(), "--out", to.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void aStoredPilotIsRefittedInAnotherFolderAndInItsOwn() throws IOException {
        Path elsewhere = dir.resolve("elsewhere");
        assertThat(plan(pilot, elsewhere)).as("stderr: %s", err).isZero();
        for (String f : PlanWriter.FILES) {
            assertThat(elsewhere.resolve(f)).isNotEmptyFile();
        }
        assertThat(StrictJson.MAPPER.writeValueAsString(PilotFile.read(elsewhere.resolve("pilot.json"))))
                .as("the copy reads back as the pilot").isEqualTo(StrictJson.MAPPER.writeValueAsString(pilot()));
        assertThat(out).contains("two_moons at C2ST ≤ 0.560");
        JsonNode json = StrictJson.MAPPER.readTree(elsewhere.resolve("plan.json").toFile());
        assertThat(json.get("recommendations")).hasSize(2);

        byte[] before = Files.readAllBytes(pilot);
        assertThat(plan(pilot.getParent(), pilot.getParent(), "--price-per-simulation", "0.25"))
                .as("the pilot's folder, refitted in place; stderr: %s", err).isZero();
        assertThat(Files.readAllBytes(pilot)).as("the input pilot stays as it was").isEqualTo(before);
        JsonNode inPlace = StrictJson.MAPPER.readTree(pilot.getParent().resolve("plan.json").toFile());
        assertThat(inPlace.get("pricePerSimulation").asDouble()).isEqualTo(0.25);
    }

    @Test
    void optionsThatShapeAPilotAndAnotherTaskAreRefused() throws IOException {
        assertRefused("--method shapes a pilot", pilot, "--method", "mcmc=1000,3000");
        assertRefused("--observations shapes a pilot", pilot, "--observations", "3");
        List<String> args = List.of("plan", "--task", "slcp", "--queries", "10", "--pilot", pilot.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err).contains("measured task two_moons, not slcp");
        assertThat(run("plan", "--task", "two_moons", "--queries", "10", "--target-calibration", "0.05", "--pilot",
                pilot.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err).contains("the pilot measured C2ST");
    }

    @Test
    void hostilePilotFilesAreBadInputNamingTheField() throws IOException {
        assertHostile("points[1].c2st: expected 3 values", j -> ((ArrayNode) j.at("/points/1/c2st")).remove(0));
        assertHostile("points[0].fixedSeconds: expected finite seconds",
                j -> ((ObjectNode) j.at("/points/0")).put("fixedSeconds", Double.NaN));
        assertHostile("points[2].simulations: expected budgets increasing",
                j -> ((ObjectNode) j.at("/points/2")).put("simulations", 100));
        assertHostile("C2STs in [0, 1]", j -> ((ArrayNode) j.at("/points/0/c2st")).set(0, 7.0));
        assertHostile("direct[0].rungs[0].querySeconds", j -> ((ArrayNode) j.at("/direct/0/rungs/0/querySeconds"))
                .set(1, -1.0));
        assertHostile("direct[0].method: expected a method's name",
                j -> ((ObjectNode) j.at("/direct/0")).put("method", "x|<script>"));
        assertHostile("notes: expected text without control characters",
                j -> ((ArrayNode) j.get("notes")).add("a\u001b[2Jb"));
        assertHostile("observations: expected 1 to 10", j -> ((ObjectNode) j).putArray("observations"));
        assertHostile("points[0].truthLogDensities: expected one per held-out simulation",
                j -> ((ArrayNode) j.at("/points/0/truthLogDensities")).add(1.0));
        assertHostile("c2stFolds: expected 1 to 5", j -> ((ObjectNode) j).put("c2stFolds", 0));
        assertHostile("surprise", j -> ((ObjectNode) j).put("surprise", 1));
        assertHostile("field points[0].simulations", j -> ((ObjectNode) j.at("/points/0")).put("simulations", 2.5));
        Files.writeString(pilot, "{\"task\": \"two_moons\", \"points\": [");
        assertRefused("pilot " + pilot, pilot);
        Files.write(pilot, new byte[PilotFile.MAX_BYTES + 1]);
        assertRefused("is larger than " + PilotFile.MAX_BYTES + " bytes", pilot);
        assertRefused(dir.resolve("pilot.json").toString(), dir); // a folder without a pilot
        assertRefused("no-such.json", dir.resolve("no-such.json"));
    }

    private void assertHostile(String message, Consumer<JsonNode> edit) throws IOException {
        JsonNode json = StrictJson.MAPPER.valueToTree(pilot());
        edit.accept(json);
        Files.write(pilot, StrictJson.MAPPER.writeValueAsBytes(json));
        assertRefused(message, pilot);
    }

    private void assertRefused(String message, Path from, String... extra) throws IOException {
        Path to = dir.resolve("out");
        assertThat(plan(from, to, extra)).as("stderr: %s", err).isEqualTo(2);
        assertThat(err).contains(message).doesNotContain("\tat ");
        assertThat(to).doesNotExist();
    }

    private static PilotData pilot() {
        return PilotFixtures.threeObservations();
    }
}
