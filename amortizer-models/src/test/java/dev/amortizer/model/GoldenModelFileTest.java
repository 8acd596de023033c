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

    @org.junit.jupiter.api.Test
    void format7RecordsTheColumnsTheDataScreenIgnored() throws Exception {
        String name = "mdn-sir-screened-v7";
        NpePosterior q = ModelFile.load(resource(name + ".zip"), TaskCatalog::byName);
        assertThat(q.standardization().ignoredX()).containsExactly(0); // sir's count at t = 0
        Samples expected = SamplesCsv.read(resource(name + ".expected.csv"));
        double[] x = {0, 5, 40, 120, 200, 150, 90, 50, 25, 10};
        assertThat(q.sample(x, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
        x[0] = 3; // the ignored column does not reach the estimator
        assertThat(q.sample(x, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
    }

    @org.junit.jupiter.api.Test
    void format8RecordsTheColumnsReadOnTheLogScale() throws Exception {
        String name = "mdn-lotka-logscale-v8";
        NpePosterior q = ModelFile.load(resource(name + ".zip"), TaskCatalog::byName);
        // every population but the two fixed initial values (columns 1 and 11)
        assertThat(q.standardization().loggedX()).hasSize(18).doesNotContain(0, 10);
        Samples expected = SamplesCsv.read(resource(name + ".expected.csv"));
        double[] x = {30, 30, 4, 8, 18, 40, 5, 6, 14, 30, 1, 80, 14, 1.4, 0.5, 8, 60, 4, 0.6, 1.1};
        assertThat(q.sample(x, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
    }

    @org.junit.jupiter.api.Test
    void format9RecordsTheWidthOfExchangeableRowsReadInCanonicalOrder() throws Exception {
        String name = "mdn-slcp-rows-v9";
        NpePosterior q = ModelFile.load(resource(name + ".zip"), TaskCatalog::byName);
        assertThat(q.standardization().rowWidth()).isEqualTo(2);
        Samples expected = SamplesCsv.read(resource(name + ".expected.csv"));
        double[] x = {0.5, -1.2, -0.3, 0.8, 1.1, 0.2, -0.9, -0.4};
        double[] sameRows = {-0.9, -0.4, 1.1, 0.2, 0.5, -1.2, -0.3, 0.8};
        assertThat(q.sample(x, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
        assertThat(q.sample(sameRows, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
    }

    @org.junit.jupiter.api.Test
    void format10RecordsTheReflectionsThetaWasFoldedBy() throws Exception {
        String name = "mdn-slcp-symmetry-v10";
        NpePosterior q = ModelFile.load(resource(name + ".zip"), TaskCatalog::byName);
        assertThat(q.standardization().thetaSymmetry().texts()).containsExactly("flip 3", "flip 4");
        Samples expected = SamplesCsv.read(resource(name + ".expected.csv"));
        double[] x = {0.5, -1.2, -0.3, 0.8, 1.1, 0.2, -0.9, -0.4};
        assertThat(q.sample(x, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
        // the density is the orbit average: the same at θ and with θ₃ and θ₄ negated
        assertThat(q.logDensity(new double[] {0.4, 0.1, 1.2, -0.7, 0.3}, x))
                .isCloseTo(q.logDensity(new double[] {0.4, 0.1, -1.2, 0.7, 0.3}, x),
                        org.assertj.core.api.Assertions.within(1e-12));
    }

    @org.junit.jupiter.api.Test
    void format11RecordsThatTheOrderedRowsAreFollowedByTheirMoments() throws Exception {
        String name = "mdn-slcp-moments-v11";
        NpePosterior q = ModelFile.load(resource(name + ".zip"), TaskCatalog::byName);
        assertThat(q.standardization().rowMoments()).isTrue();
        assertThat(q.standardization().inputWidth()).isEqualTo(8 + 5);
        assertThat(q.standardization().loggedX()).containsExactly(10, 12); // the two variances
        Samples expected = SamplesCsv.read(resource(name + ".expected.csv"));
        double[] x = {0.5, -1.2, -0.3, 0.8, 1.1, 0.2, -0.9, -0.4};
        double[] otherOrder = {-0.9, -0.4, 1.1, 0.2, 0.5, -1.2, -0.3, 0.8};
        assertThat(q.sample(x, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
        assertThat(q.sample(otherOrder, expected.size(), Rng.seeded(4)).toArray()).isDeepEqualTo(expected.toArray());
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(GoldenModelFileTest.class.getResource("/golden/" + file).toURI());
    }
}
