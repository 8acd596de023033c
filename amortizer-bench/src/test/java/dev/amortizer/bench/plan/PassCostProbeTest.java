package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.models.TaskResolver;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the default NPE's candidates change with the budget, and a pass's cost priced there. */
class PassCostProbeTest {
    @Test
    void theMdnsMinibatchDoublesAtPowersOfTwoTimes128() {
        assertThat(PassCostProbe.changes(new DefaultNpe(), TaskResolver.resolve("two_moons"), 2000, 200_000))
                .as("64 rows from 8,192, then 128, 256 and 512").containsExactly(8192, 16_384, 32_768, 65_536);
        assertThat(PassCostProbe.changes(new DefaultNpe(), TaskResolver.resolve("two_moons"), 10_000, 15_000))
                .as("none within the reach").isEmpty();
    }

    @Test
    void theFlowsChangeOnlyWhereTheTruncatedEnsembleGrows() {
        assertThat(PassCostProbe.changes(new DefaultNpe(), TaskResolver.resolve("slcp"), 2000, 200_000))
                .containsExactly(DefaultNpe.LARGE_BUDGET_SIMULATIONS);
        assertThat(PassCostProbe.changes(new DefaultNpe(), TaskResolver.resolve("gaussian_linear"), 2000, 200_000))
                .as("an unbounded prior: no truncated ensemble").isEmpty();
        assertThat(PassCostProbe.changes(new DefaultNpe().tuned(c -> c.withBatchSize(100)),
                TaskResolver.resolve("two_moons"), 2000, 200_000)).as("a minibatch the user fixed").isEmpty();
    }

    @Test
    void aPassOfTheGrownEnsembleIsPricedAgainstThePivots() {
        Task slcp = TaskResolver.resolve("slcp");
        DefaultNpe npe = new DefaultNpe();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<PilotData.PassCostStep> steps = PassCostProbe.measure(npe, slcp, 200,
                List.of(DefaultNpe.LARGE_BUDGET_SIMULATIONS), Rng.seeded(3), quiet);
        assertThat(steps).singleElement().satisfies(s -> {
            assertThat(s.fromSimulations()).isEqualTo(DefaultNpe.LARGE_BUDGET_SIMULATIONS);
            assertThat(s.minibatches()).isEqualTo(npe.candidates(slcp, 200).stream()
                    .map(c -> c.schedule().batchSize()).toList());
            assertThat(s.wallRatio()).isPositive().isFinite();
            assertThat(s.cpuRatio()).isPositive().isFinite();
        });
    }
}
