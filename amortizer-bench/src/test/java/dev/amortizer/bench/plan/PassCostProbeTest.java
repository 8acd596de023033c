package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.models.TaskResolver;
import dev.amortizer.npe.DefaultNpe;
import org.junit.jupiter.api.Test;

/** Where the default NPE's minibatches change with the budget, found without training anything. */
class PassCostProbeTest {
    @Test
    void theMdnsMinibatchDoublesAtPowersOfTwoTimes128() {
        assertThat(PassCostProbe.changes(new DefaultNpe(), TaskResolver.resolve("two_moons"), 2000, 200_000))
                .as("64 rows from 8,192, then 128, 256 and 512").containsExactly(8192, 16_384, 32_768, 65_536);
        assertThat(PassCostProbe.changes(new DefaultNpe(), TaskResolver.resolve("two_moons"), 10_000, 15_000))
                .as("none within the reach").isEmpty();
    }

    @Test
    void theFlowsKeepTheirMinibatchesSoNothingIsProbed() {
        assertThat(PassCostProbe.changes(new DefaultNpe(), TaskResolver.resolve("slcp"), 2000, 200_000)).isEmpty();
        assertThat(PassCostProbe.changes(new DefaultNpe().tuned(c -> c.withBatchSize(100)),
                TaskResolver.resolve("two_moons"), 2000, 200_000)).as("a minibatch the user fixed").isEmpty();
    }
}
