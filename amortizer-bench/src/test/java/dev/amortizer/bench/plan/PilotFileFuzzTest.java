package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.StrictJson;
import dev.amortizer.fuzz.FuzzHarness;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pilot reader and the planner behind it on about a second of mutated pilot files (a C2ST pilot and a
 * coverage-error one): only IllegalArgumentException
 * escapes (from reading, checking or planning), and no call allocates more than 64 MiB.
 */
class PilotFileFuzzTest {
    @TempDir
    Path dir;

    @Test
    void mutatedPilotsAreBadInputOrPlanned() throws Exception {
        List<byte[]> seeds = List.of(StrictJson.MAPPER.writeValueAsBytes(PilotFixtures.threeObservations()),
                StrictJson.MAPPER.writeValueAsBytes(PilotFixtures.coverage()));
        Path file = dir.resolve("pilot.json");
        PlanSettings c2st = new PlanSettings(0.56, List.of(10L, 100_000L), null, 0.01, 20, 1);
        PlanSettings coverage = new PlanSettings(Measure.COVERAGE_ERROR, 0.05, List.of(10L, 100_000L), null, 0.01,
                PlanSettings.DEFAULT_MIN_LOG_SCORE_GAIN, 20, 1);
        assertThat(Planner.plan(PilotFixtures.threeObservations(), c2st).recommendations()).hasSize(2);
        assertThat(Planner.plan(PilotFixtures.coverage(), coverage).recommendations()).hasSize(2);
        var report = FuzzHarness.run("pilot", seeds, 11, Duration.ofMillis(1500), 64L << 20,
                Set.of(NoSuchFileException.class), input -> {
                    Files.write(file, input);
                    PilotData pilot = PilotFile.read(file);
                    Planner.plan(pilot, pilot.measure() == Measure.C2ST ? c2st : coverage);
                });
        assertThat(report.refused()).isPositive();
        assertThat(report.cases()).isGreaterThan(report.refused());
    }
}
