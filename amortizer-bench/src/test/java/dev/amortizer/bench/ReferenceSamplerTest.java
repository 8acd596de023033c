package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.Samples;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.Task;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A task without a reference sampler: the bench builds one from the likelihood, or scores nothing, and says which. */
class ReferenceSamplerTest {
    /** A catalogue task under another name, without its reference sampler and optionally without its likelihood. */
    static Task hidden(Task task, boolean likelihood) {
        return new ForwardingTask(task) {
            @Override
            public String name() {
                return task.name() + "_without_reference"; // not sbibm's: its files must not be used
            }

            @Override
            public Optional<LogLikelihood> likelihood() {
                return likelihood ? task.likelihood() : Optional.empty();
            }

            @Override
            public Optional<Posterior> referencePosterior() {
                return Optional.empty();
            }
        };
    }

    @Test
    void aTaskWithALikelihoodButNoReferenceGetsExactRejectionDrawsAndTheReportSaysSo() {
        Task mixture = TaskCatalog.byName("gaussian_mixture");
        QuerySet q = QuerySet.forTask(hidden(mixture, true), 2, Rng.seeded(3));
        assertThat(q.source()).contains("exact rejection sampling on the task's likelihood")
                .contains("10,000 accepted draws for each of 2 observations").contains("likelihood evaluations")
                .contains("lowest acceptance rate");
        Posterior own = mixture.referencePosterior().orElseThrow();
        for (QuerySet.Query query : q.queries()) {
            Samples built = query.reference();
            Samples exact = own.sample(query.x(), 10_000, Rng.seeded(4));
            for (int j = 0; j < 2; j++) {
                // the same posterior: means agree within a few standard errors (sd ≈ 1 at most here)
                assertThat(mean(built, j)).isCloseTo(mean(exact, j), org.assertj.core.data.Offset.offset(0.06));
            }
        }
    }

    @Test
    void aSimulatorOnlyTaskGetsNoReferencesAndTheSetSaysItIsUnscored() {
        Task simulatorOnly = hidden(TaskCatalog.byName("two_moons"), false);
        QuerySet q = QuerySet.forTask(simulatorOnly, 2, Rng.seeded(1));
        assertThat(q.scored()).isFalse();
        assertThat(q.unscored()).isEqualTo("the task has no likelihood and no reference");
        assertThat(q.queries()).hasSize(2).allSatisfy(query -> assertThat(query.reference()).isNull());
        assertThat(q.source()).endsWith("references: none: the task has no likelihood and no reference, so answers"
                + " are timed but not scored (no C2ST)");
    }

    @Test
    void aTaskWithItsOwnReferenceSaysItUsedIt() {
        QuerySet q = QuerySet.generated(TaskCatalog.byName("two_moons"), 1, 100, Rng.seeded(1));
        assertThat(q.source()).endsWith("references: the task's own reference sampler");
    }

    private static double mean(Samples s, int j) {
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            sum += s.get(i, j);
        }
        return sum / s.size();
    }
}
