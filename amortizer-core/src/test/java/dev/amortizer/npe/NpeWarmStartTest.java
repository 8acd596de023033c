package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class NpeWarmStartTest {
    private final Task task = TestTasks.box();
    private final double[][] theta = task.prior().sample(2_000, Rng.seeded(2));
    private final double[][] x = task.simulator().simulate(theta, Rng.seeded(3));

    private static NpeConfig quickNsf() {
        NpeConfig d = NpeConfig.defaults(Estimator.NSF);
        return d.withFlow(d.flow().withTransforms(2).withHidden(List.of(16, 16), HiddenActivation.TANH))
                .withEpochs(8, 8);
    }

    @Test
    void aWarmStartedMdnBeginsWhereThePreviousFitEndedAndKeepsItsUnits() {
        beginsFromThePreviousFit(TestTasks.quickConfig());
    }

    @Test
    void aWarmStartedFlowBeginsWhereThePreviousFitEndedAndKeepsItsUnits() {
        beginsFromThePreviousFit(quickNsf());
    }

    /**
     * Fits the first 1,000 pairs, then all 2,000 for one epoch twice: from a fresh network and from the first fit.
     * The warm start's loss after that epoch must be lower, and the first fit must be left as it was.
     */
    private void beginsFromThePreviousFit(NpeConfig config) {
        Npe npe = new Npe(config);
        NpePosterior first = npe.train(task, head(theta, 1_000), head(x, 1_000), List.of(), Rng.seeded(4),
                new CostMeter());
        byte[] firstWeights = first.weights();
        Npe oneEpoch = new Npe(config.withEpochs(1, 1));
        NpePosterior fresh = oneEpoch.train(task, theta, x, List.of(), Rng.seeded(5), new CostMeter());
        NpePosterior warm = oneEpoch.startingFrom(first)
                .train(task, theta, x, List.of(), Rng.seeded(5), new CostMeter());
        assertThat(warm.provenance().validationLoss()).isLessThan(fresh.provenance().validationLoss());
        assertThat(warm.standardization()).isEqualTo(first.standardization());
        assertThat(fresh.standardization()).isNotEqualTo(first.standardization());
        assertThat(first.weights()).isEqualTo(firstWeights);
    }

    @Test
    void aWarmStartReproducesForTheSameSeed() {
        for (NpeConfig config : List.of(TestTasks.quickConfig(), quickNsf())) {
            Npe npe = new Npe(config);
            NpePosterior first = npe.train(task, head(theta, 1_000), head(x, 1_000), List.of(), Rng.seeded(4),
                    new CostMeter());
            NpePosterior a = npe.startingFrom(first).train(task, theta, x, List.of(), Rng.seeded(6), new CostMeter());
            NpePosterior b = npe.startingFrom(first).train(task, theta, x, List.of(), Rng.seeded(6), new CostMeter());
            assertThat(a.weights()).isEqualTo(b.weights());
            assertThat(a.weights()).isNotEqualTo(first.weights());
        }
    }

    @Test
    void aWarmStartNeedsTheSameConfigurationAndAnEstimatorWhoseWeightsCarryOver() {
        NpePosterior mdn = TestTasks.smallModel();
        assertThatThrownBy(() -> new Npe(quickNsf()).startingFrom(mdn))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the same configuration");
        NpeConfig fmpe = NpeConfig.defaults(Estimator.FMPE);
        NpePosterior pretend = retagged(mdn, fmpe);
        assertThatThrownBy(() -> new Npe(fmpe).startingFrom(pretend))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not fmpe");
        Npe later = new Npe(TestTasks.quickConfig()).startingFrom(mdn).withConfig(quickNsf());
        assertThatThrownBy(() -> later.train(task, theta, x, List.of(), Rng.seeded(1), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the same configuration");
    }

    /** The same fit labelled with another configuration. */
    private static NpePosterior retagged(NpePosterior q, NpeConfig config) {
        return NpePosterior.of(q.task(), config, q.standardization(), null, q.provenance(), q.costLedger(),
                q.density());
    }

    private static double[][] head(double[][] rows, int n) {
        return java.util.Arrays.copyOf(rows, n);
    }
}
