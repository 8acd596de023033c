package dev.amortizer.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class WeightedDrawsTest {
    private static final double[] X = {0.8, -1.2};
    private final GaussianToy task = new GaussianToy(2, 0.5, true);

    @Test
    void anExactProposalHasEqualWeightsAndItsCostIsCounted() {
        CostMeter meter = new CostMeter();
        WeightedDraws w = WeightedDraws.propose(task, task.amortised(0, 1), X, 500, Rng.seeded(1), meter);
        assertThat(w.size()).isEqualTo(500);
        assertThat(w.ess()).isCloseTo(500, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(w.essShare()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(meter.ledger().get(Phase.QUERY).likelihoodEvaluations()).isEqualTo(500);
        // one pass per log q; the toy's draws count none of their own (an NPE's count one each)
        assertThat(meter.ledger().get(Phase.QUERY).forwardPasses()).isEqualTo(500);
    }

    @Test
    void moreDrawsExtendTheSetAndResamplingIsSeeded() {
        CostMeter meter = new CostMeter();
        WeightedDraws probe = WeightedDraws.propose(task, task.amortised(0.5, 1.5), X, 200, Rng.seeded(2), meter);
        WeightedDraws more = WeightedDraws.propose(task, task.amortised(0.5, 1.5), X, 800, Rng.seeded(3), meter);
        WeightedDraws all = probe.plus(more);
        assertThat(all.size()).isEqualTo(1_000);
        assertThat(all.ess()).isGreaterThan(probe.ess()).isLessThanOrEqualTo(1_000);
        Samples first = all.resample(300, Rng.seeded(4));
        assertThat(first.toArray()).isDeepEqualTo(all.resample(300, Rng.seeded(4)).toArray());
        assertThat(task.momentError(all.resample(4_000, Rng.seeded(5)), X)).isLessThan(0.2);
        // unweighted, every draw of nonzero weight (here all: the toy's prior covers R²), in proposal order
        assertThat(all.supported().size()).isEqualTo(1_000);
        assertThat(all.supported().toArray()[200]).isEqualTo(more.supported().toArray()[0]);
    }
}
