package dev.amortizer.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A streamed campaign hands over, batch by batch and in order, exactly the pairs the in-memory campaign returns. */
class CampaignStreamTest {
    @Test
    void streamedBatchesAreTheCampaignsPairs() throws Exception {
        Task task = TestTasks.box();
        SimulationCampaign.Result whole = SimulationCampaign.inMemory().run(task, 2_500, Rng.seeded(4),
                new CostMeter());
        List<double[]> theta = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        CostMeter meter = new CostMeter();
        SimulationCampaign.inMemory().stream(task, 2_500, Rng.seeded(4), meter, (first, t, s) -> {
            firsts.add(first);
            theta.addAll(List.of(t));
            x.addAll(List.of(s));
        });
        assertThat(firsts).containsExactly(0, 1_000, 2_000);
        assertThat(theta.toArray(double[][]::new)).isDeepEqualTo(whole.theta());
        assertThat(x.toArray(double[][]::new)).isDeepEqualTo(whole.x());
        assertThat(meter.ledger().get(Phase.SIMULATION).simulatorCalls()).isEqualTo(2_500);
    }
}
