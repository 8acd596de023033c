package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files written by earlier versions keep loading and keep giving the same draws (see
 * {@code src/test/resources/golden/README.md} for the commands that made them).
 */
class GoldenModelFileTest {
    @ParameterizedTest
    @ValueSource(strings = {"mdn-two_moons-v1", "nsf-two_moons-v2", "nsf-shift-two_moons-v4",
            "nsf-x2-two_moons-v4", "mdn-two_moons-v5",
            "fmpe-two_moons-v5"})
    void oldModelFilesLoadAndDrawWhatTheyDrewWhenWritten(String name) throws Exception {
        NpePosterior q = ModelFile.load(resource(name + ".zip"), TaskCatalog::byName);
        Samples expected = SamplesCsv.read(resource(name + ".expected.csv"));
        Samples drawn = q.sample(new double[] {0.1, -0.2}, expected.size(), Rng.seeded(4));
        assertThat(drawn.names()).isEqualTo(expected.names());
        assertThat(drawn.toArray()).isDeepEqualTo(expected.toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nle-maf-two_moons-v3", "nre-b-two_moons-v3", "point-two_moons-v3",
            "point-two_moons-v5"})
    void format3KindsLoadAndDrawWhatTheyDrewWhenWritten(String name) throws Exception {
        AmortisedPosterior q = ModelFile.loadAny(resource(name + ".zip"), TaskCatalog::byName);
        assertThat(name).startsWith(q.method());
        Samples expected = SamplesCsv.read(resource(name + ".expected.csv"));
        Samples drawn = q.sample(new double[] {0.1, -0.2}, expected.size(), Rng.seeded(4));
        assertThat(drawn.toArray()).isDeepEqualTo(expected.toArray());
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(GoldenModelFileTest.class.getResource("/golden/" + file).toURI());
    }
}
