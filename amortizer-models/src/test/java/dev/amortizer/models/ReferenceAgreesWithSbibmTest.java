package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The project's own reference samplers against sbibm's reference files, by C2ST (≤ 0.55 required). */
class ReferenceAgreesWithSbibmTest {
    private static final double LIMIT = 0.55;

    @ParameterizedTest(name = "two_moons observation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void twoMoons(int k) {
        assertThat(c2st(new TwoMoons(), k)).isLessThanOrEqualTo(LIMIT);
    }

    /** One 10-D C2ST takes about a minute on 2 cores, so the default run checks one observation. */
    @ParameterizedTest(name = "gaussian_linear observation {0}")
    @ValueSource(ints = {1})
    void gaussianLinearFirstObservation(int k) {
        assertThat(c2st(new GaussianLinear(), k)).isLessThanOrEqualTo(LIMIT);
    }

    /** All ten, about 10–15 minutes; the table is committed under amortizer-bench/results/. */
    @Tag("slow")
    @ParameterizedTest(name = "gaussian_linear observation {0}")
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10})
    void gaussianLinearOtherObservations(int k) {
        assertThat(c2st(new GaussianLinear(), k)).isLessThanOrEqualTo(LIMIT);
    }

    private static double c2st(Task task, int k) {
        var data = SbibmData.locate();
        Assumptions.assumeTrue(data.isPresent(), "shared/sbibm not found above the working directory");
        Samples theirs = data.get().reference(task.name(), k);
        Samples ours = task.referencePosterior().orElseThrow()
                .sample(data.get().observation(task.name(), k), theirs.size(), Rng.seeded(1000 + k));
        double c2st = C2st.score(theirs, ours, k);
        System.out.printf("reference-vs-sbibm %s observation %d: C2ST %.4f%n", task.name(), k, c2st);
        return c2st;
    }
}
