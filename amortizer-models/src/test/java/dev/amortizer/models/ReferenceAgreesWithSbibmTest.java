package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.testing.TestData;
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

    /** A 2-D exact sampler: the default run checks one observation (about 10 s). */
    @ParameterizedTest(name = "gaussian_mixture observation {0}")
    @ValueSource(ints = {1})
    void gaussianMixtureFirstObservation(int k) {
        assertThat(c2st(new GaussianMixture(), k)).isLessThanOrEqualTo(LIMIT);
    }

    /** The rest of the catalogue, 20–120 s per observation; the table is committed under amortizer-bench/results/. */
    @Tag("slow")
    @ParameterizedTest(name = "{0} observation {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "gaussian_mixture,2", "gaussian_mixture,3", "gaussian_mixture,4", "gaussian_mixture,5", "gaussian_mixture,6",
        "gaussian_mixture,7", "gaussian_mixture,8", "gaussian_mixture,9", "gaussian_mixture,10",
        "gaussian_linear_uniform,1", "gaussian_linear_uniform,2", "gaussian_linear_uniform,3",
        "gaussian_linear_uniform,4", "gaussian_linear_uniform,5", "gaussian_linear_uniform,6",
        "gaussian_linear_uniform,7", "gaussian_linear_uniform,8", "gaussian_linear_uniform,9",
        "gaussian_linear_uniform,10",
        "slcp,1", "slcp,2", "slcp,3", "slcp,4", "slcp,5", "slcp,6", "slcp,7", "slcp,8", "slcp,9", "slcp,10",
        "bernoulli_glm,1", "bernoulli_glm,2", "bernoulli_glm,3", "bernoulli_glm,4", "bernoulli_glm,5",
        "bernoulli_glm,6", "bernoulli_glm,7", "bernoulli_glm,8", "bernoulli_glm,9", "bernoulli_glm,10",
        "sir,1", "sir,2", "sir,3", "sir,4", "sir,5", "sir,6", "sir,7", "sir,8", "sir,9", "sir,10",
        "lotka_volterra,1", "lotka_volterra,2", "lotka_volterra,3", "lotka_volterra,4", "lotka_volterra,5",
        "lotka_volterra,6", "lotka_volterra,7", "lotka_volterra,8", "lotka_volterra,9", "lotka_volterra,10"})
    void restOfTheCatalogue(String task, int k) {
        assertThat(c2st(TaskCatalog.byName(task), k)).isLessThanOrEqualTo(LIMIT);
    }

    private static double c2st(Task task, int k) {
        SbibmData data = TestData.sbibm();
        Samples theirs = data.reference(task.name(), k);
        Samples ours = task.referencePosterior().orElseThrow()
                .sample(data.observation(task.name(), k), theirs.size(), Rng.seeded(1000 + k));
        double c2st = C2st.score(theirs, ours, k);
        System.out.printf("reference-vs-sbibm %s observation %d: C2ST %.4f%n", task.name(), k, c2st);
        return c2st;
    }
}
