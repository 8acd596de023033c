package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference samplers that keep draws inside the prior box give up on an observation that leaves (almost) no mass
 * there, quickly and as bad input (IllegalArgumentException naming it): gaussian_mixture used to loop forever,
 * gaussian_linear_uniform to try 10⁹ times, two_moons to report a broken sampler (IllegalStateException).
 */
class RejectionReferenceTest {
    @ParameterizedTest
    @ValueSource(strings = {"two_moons", "gaussian_mixture", "gaussian_linear_uniform"})
    void anObservationFarOutsideThePriorBoxIsBadInput(String name) {
        Task task = TaskCatalog.byName(name);
        double[] far = new double[task.dataDim()];
        Arrays.fill(far, 1e6);
        far[0] = -1e6;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> task.referencePosterior().orElseThrow().sample(far, 10, Rng.seeded(1)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name)
                        .hasMessageContaining("observation"));
    }
}
