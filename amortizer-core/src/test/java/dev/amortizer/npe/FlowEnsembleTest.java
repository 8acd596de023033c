package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.flow.FlowType;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ensemble of flows is the equal mixture of its members, in density, in draws, on disk and across a crash. */
class FlowEnsembleTest {
    @TempDir
    Path dir;

    /** A 1-D flow that is N(location, 1) whatever the context: only its linear shift's bias is set. */
    private static ConditionalFlow shifted(double location) {
        FlowConfig config = FlowConfig.defaults(FlowType.NSF).withTransforms(1).withLinearShift(true);
        ConditionalFlow flow = ConditionalFlow.create(config, 1, 1, Rng.seeded(1));
        flow.parameters().get(1)[0] = location;
        return flow;
    }

    @Test
    void theDensityIsTheMembersMeanAndTheDrawsComeFromEachInEqualShares() {
        FlowEnsembleDensity q = new FlowEnsembleDensity(List.of(shifted(3), shifted(-3)));
        double[][] z = {{3}, {0}, {-2.5}};
        double[][] c = {{0}, {0}, {0}};
        double[] lp = q.logProb(z, c);
        for (int r = 0; r < z.length; r++) {
            double a = -0.5 * Math.pow(z[r][0] - 3, 2);
            double b = -0.5 * Math.pow(z[r][0] + 3, 2);
            double expected = Math.log(0.5 * (Math.exp(a) + Math.exp(b))) - 0.5 * Math.log(2 * Math.PI);
            assertThat(lp[r]).isCloseTo(expected, within(1e-12));
        }
        double[][] draws = q.sample(new double[] {0}, 8000, Rng.seeded(2));
        long positive = Arrays.stream(draws).filter(row -> row[0] > 0).count();
        assertThat(positive / 8000.0).isCloseTo(0.5, within(0.02)); // sd of the share 0.0056
        double meanPositive = Arrays.stream(draws).filter(row -> row[0] > 0).mapToDouble(row -> row[0]).average()
                .orElseThrow();
        assertThat(meanPositive).isCloseTo(3, within(0.06));
        assertThat(q.sample(new double[] {0}, 3000, Rng.seeded(5)))
                .isDeepEqualTo(q.sample(new double[] {0}, 3000, Rng.seeded(5)));
    }

    @Test
    void weightsRestoreToTheSameDensityAndAMismatchIsNamed() {
        FlowEnsembleDensity q = new FlowEnsembleDensity(List.of(shifted(1), shifted(-2), shifted(0.5)));
        FlowConfig config = FlowConfig.defaults(FlowType.NSF).withTransforms(1).withLinearShift(true);
        FlowEnsembleDensity back = FlowEnsembleDensity.restore(config.withMembers(3), 1, 1, q.weights());
        double[][] z = {{0.3}, {-1.2}};
        double[][] c = {{0}, {0}};
        assertThat(back.logProb(z, c)).containsExactly(q.logProb(z, c));
        assertThat(back.sample(new double[] {0}, 2000, Rng.seeded(3)))
                .isDeepEqualTo(q.sample(new double[] {0}, 2000, Rng.seeded(3)));
        assertThatThrownBy(() -> FlowEnsembleDensity.restore(config.withMembers(2), 1, 1, q.weights()))
                .hasMessageContaining("hold 3 flows").hasMessageContaining("says 2");
        byte[] cut = Arrays.copyOf(q.weights(), q.weights().length - 9);
        assertThatThrownBy(() -> FlowEnsembleDensity.restore(config.withMembers(3), 1, 1, cut))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowEnsembleDensity(List.of(shifted(0))))
                .hasMessageContaining("at least 2 flows");
        assertThatThrownBy(() -> config.withMembers(FlowConfig.MAX_MEMBERS + 1))
                .hasMessageContaining("members must be in 1..16");
    }

    private static NpeConfig quickEnsemble() {
        NpeConfig d = FlowNpeTest.quick(Estimator.NSF).withEpochs(5, 5);
        return d.withFlow(d.flow().withMembers(2));
    }

    @Test
    void anEnsembleTrainsSavesAndLoadsAndEveryMembersTrainingIsCounted() throws Exception {
        Task task = TestTasks.box();
        NpePosterior single = new Npe(quickEnsemble().withFlow(quickEnsemble().flow().withMembers(1)))
                .train(task, 600, Rng.seeded(6), new CostMeter());
        NpePosterior q = new Npe(quickEnsemble()).train(task, 600, Rng.seeded(6),
                new CostMeter());
        assertThat(q.provenance().epochs()).isEqualTo(2 * single.provenance().epochs()); // both stop at the cap
        assertThat(q.provenance().validationLoss()).isFinite().isNotEqualTo(single.provenance().validationLoss());
        Path file = dir.resolve("ensemble.zip");
        ModelFile.save(q, file);
        assertThat(ModelFile.readManifest(file).config().flow().members()).isEqualTo(2);
        NpePosterior back = ModelFile.load(file, name -> task);
        double[] x = {0.4, 0.6};
        assertThat(back.sample(x, 500, Rng.seeded(5)).toArray())
                .isDeepEqualTo(q.sample(x, 500, Rng.seeded(5)).toArray());
        double[][] theta = {{0.3, 0.7}, {0.5, 0.5}};
        double[][] xs = {x, x};
        assertThat(back.logDensity(theta, xs)).containsExactly(q.logDensity(theta, xs));
    }

    @Test
    void eightThreadsSampleAnEnsembleExactlyAsOneThreadDoes() throws Exception {
        NpePosterior q = new Npe(quickEnsemble()).train(TestTasks.box(), 600, Rng.seeded(8),
                new CostMeter());
        FlowNpeTest.assertEightThreadsSampleWhatOneSamples(q);
    }

    @Test
    void aCrashInTheSecondMemberResumesToTheSameEnsemble() {
        Task task = TestTasks.box();
        NpePosterior uninterrupted = new Npe(quickEnsemble()).withCheckpoints(dir.resolve("a"))
                .train(task, 600, Rng.seeded(6), new CostMeter());
        Path crashDir = dir.resolve("b");
        int[] calls = {0};
        Npe crashing = new Npe(quickEnsemble()).withCheckpoints(crashDir)
                .withListener(report -> {
                    if (++calls[0] == 7) {
                        throw new IllegalStateException("simulated crash in the second member's epoch 2");
                    }
                });
        assertThatThrownBy(() -> crashing.train(task, 600, Rng.seeded(6), new CostMeter()))
                .hasMessageContaining("simulated crash");
        assertThat(crashDir.resolve("member-2-" + Npe.CHECKPOINT_FILE)).exists();
        List<Integer> resumedEpochs = new ArrayList<>();
        NpePosterior resumed = new Npe(quickEnsemble()).withCheckpoints(crashDir)
                .withListener(report -> resumedEpochs.add(report.epoch()))
                .train(task, 600, Rng.seeded(6), new CostMeter());
        assertThat(resumedEpochs).containsExactly(3, 4, 5);
        double[] x = {0.3, 0.6};
        assertThat(resumed.sample(x, 2000, Rng.seeded(1)).toArray())
                .isDeepEqualTo(uninterrupted.sample(x, 2000, Rng.seeded(1)).toArray());
        assertThat(resumed.provenance()).isEqualTo(uninterrupted.provenance());
    }

    @Test
    void anEnsembleIsRefusedWhereOnlyOneFlowCanServe() {
        assertThatThrownBy(() -> new Npe(quickEnsemble()).withSummary(dev.amortizer.summary.SummaryConfig.deepSets(4)))
                .hasMessageContaining("ensemble of 2 flows is not available");
    }
}
