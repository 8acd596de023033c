package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default NPE sizes the MDN's minibatch and its truncated ensemble to the number of simulations, and what the
 * caller asks for stands.
 */
class DefaultNpeBudgetTest {
    private static final Task TASK = new TestTasks.LinearGaussian(new double[][] {{1, 0.8}, {0, 1}}, 0.2);

    @Test
    void theMdnsBatchFollowsTheSimulationsOnceTheyAreKnown() {
        DefaultNpe npe = new DefaultNpe();
        assertThat(npe.candidates(TASK)).containsExactly(NpeConfig.defaultsFor(2));
        assertThat(npe.candidates(TASK, 1_000)).singleElement()
                .satisfies(c -> assertThat(c.schedule().batchSize()).isEqualTo(32))
                .isEqualTo(NpeConfig.defaultsFor(2).withBatchSize(32));
        assertThat(npe.candidates(TASK, 10_000).get(0).schedule().batchSize()).isEqualTo(64);
        assertThat(npe.candidates(TASK, 100_000).get(0)).isEqualTo(NpeConfig.defaultsFor(2));
        assertThat(npe.trainers(TASK, 1_000)).extracting(Npe::config)
                .containsExactly(NpeConfig.defaultsFor(2).withBatchSize(32));
        assertThat(DefaultNpe.acrossFamilies().candidates(TASK, 1_000).get(0).schedule().batchSize()).isEqualTo(32);
    }

    @Test
    void aBatchAskedForStandsAndFlowsAreNotResized() {
        assertThat(new DefaultNpe().tuned(c -> c.withBatchSize(512)).candidates(TASK, 1_000).get(0)
                .schedule().batchSize()).isEqualTo(512);
        NpeConfig custom = NpeConfig.mdnDefaults().withBatchSize(200);
        assertThat(DefaultNpe.of(List.of(custom)).candidates(TASK, 1_000)).containsExactly(custom);
        NpeConfig flow = NpeConfig.defaults(Estimator.NSF);
        assertThat(DefaultNpe.of(List.of(flow)).candidates(TASK, 1_000)).containsExactly(flow);
    }

    @Test
    void theTruncatedEnsembleGrowsFromTheLargeBudget() {
        Task box = TestTasks.box(4);
        int large = DefaultNpe.LARGE_BUDGET_SIMULATIONS;
        assertThat(new DefaultNpe().candidates(box, large - 1)).extracting(NpeConfig::label)
                .containsExactly("nsf", "coupling", "nsf-truncation-x5", "coupling-shift");
        assertThat(new DefaultNpe().candidates(box, large)).extracting(NpeConfig::label)
                .containsExactly("nsf", "coupling", "nsf-truncation-x" + DefaultNpe.LARGE_BUDGET_MEMBERS,
                        "coupling-shift");
        assertThat(DefaultNpe.acrossFamilies().candidates(box, large)).extracting(NpeConfig::label)
                .contains("nsf-truncation-x" + DefaultNpe.LARGE_BUDGET_MEMBERS);
        assertThat(new DefaultNpe().tuned(c -> c.flow() == null ? c : c.withFlow(c.flow().withMembers(3)))
                .candidates(box, large)).extracting(NpeConfig::label).contains("nsf-truncation-x3");
        assertThat(DefaultNpe.of(List.of(DefaultNpe.truncatedSpline())).candidates(box, large))
                .containsExactly(DefaultNpe.truncatedSpline());
    }
}
