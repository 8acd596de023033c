package dev.amortizer.bench.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.fuzz.FuzzHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec reader on about a second of mutated specs: only IllegalArgumentException escapes (from reading or from
 * turning the spec into run configurations), no call allocates more than 64 MiB (specs are capped at
 * {@value SpecFiles#MAX_BYTES} bytes), and nothing is deserialized with Java serialization.
 */
class SpecFilesFuzzTest {
    @TempDir
    Path dir;

    @Test
    void mutatedSpecsAreBadInputOrValid() {
        List<byte[]> seeds = List.of(
                utf8("{\"tasks\": [\"two_moons\", {\"name\": \"slcp\", \"observations\": 5}], \"amortisers\": [\"npe\"],"
                        + " \"simulations\": [1000, 10000], \"observations\": 10, \"samples\": 10000,"
                        + " \"methods\": {\"mcmc\": [1000, 10000, 100000]}, \"hybrid\": [10000], \"replicates\": 2000,"
                        + " \"seed\": 1, \"pricePerSimulatorCall\": 0.5}"),
                utf8("{}"),
                utf8("{\n  \"tasks\": [{\"name\": \"sir\", \"methods\": {\"rejection-abc\": [1000]}, \"hybrid\": [100]}]\n}"));
        Path file = dir.resolve("spec.json");
        var report = FuzzHarness.run("spec", seeds, 7, Duration.ofMillis(1500), 64L << 20,
                Set.of(NoSuchFileException.class), input -> {
                    Files.write(file, input);
                    SpecFiles.read(file).configs();
                });
        assertThat(report.refused()).isPositive();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
