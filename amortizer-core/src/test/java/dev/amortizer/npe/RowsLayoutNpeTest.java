package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.flow.FlowType;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Task;
import dev.amortizer.training.Standardization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a task declares its x as exchangeable rows, NPE reads x with its rows in canonical order (the default, and
 * any trainer asked to, followed by their moments): at training, at queries, and after a model file round trip;
 * without the declaration x is read as given.
 */
class RowsLayoutNpeTest {
    @TempDir
    Path dir;

    /** θ ~ U(0, 1)², x = three i.i.d. points (θ₁ + 0.3ε, θ₂ + 0.3ε'). */
    private static final Task POINTS = TestTasks.inUnitBox("test_points", 2, 6, (theta, rng) -> {
        double[] x = new double[6];
        for (int i = 0; i < 3; i++) {
            x[2 * i] = theta[0] + 0.3 * rng.nextGaussian();
            x[2 * i + 1] = theta[1] + 0.3 * rng.nextGaussian();
        }
        return x;
    });

    private static final Task DECLARED = RowsLayout.declaredOn(POINTS, 2);

    @Test
    void aDeclaredTaskIsReadWithItsRowsInCanonicalOrderAndItsModelFileSaysSo() throws IOException {
        DefaultNpe npe = DefaultNpe.of(List.of(TestTasks.quickConfig()));
        NpePosterior q = npe.train(DECLARED, 1_000, Rng.seeded(5), new CostMeter());
        assertThat(q.standardization().rowWidth()).isEqualTo(2);
        // the scores are those of ordered rows: the first row holds the smallest first coordinate, the last the largest
        double[] mean = q.standardization().xMean();
        assertThat(mean[0]).isLessThan(mean[2] - 0.1);
        assertThat(mean[2]).isLessThan(mean[4] - 0.1);

        Path file = answersEveryOrderAlikeThroughItsModelFile(q, "points.zip");
        assertThat(ModelFile.readManifest(file).standardization().xRowWidth()).isEqualTo(2);
    }

    /**
     * Checks that {@code q} gives the same density and draws for two orders of the same rows, and so does the
     * posterior read back from the model file it is saved to, here under {@code name}; that file.
     */
    private Path answersEveryOrderAlikeThroughItsModelFile(NpePosterior q, String name) throws IOException {
        double[] x = {0.9, 0.1, 0.2, 0.5, 0.6, 0.4};
        double[] permuted = {0.6, 0.4, 0.9, 0.1, 0.2, 0.5};
        double[] theta = {0.5, 0.3};
        assertThat(q.logDensity(theta, permuted)).isEqualTo(q.logDensity(theta, x)).isFinite();
        assertThat(q.sample(permuted, 100, Rng.seeded(6)).toArray())
                .isDeepEqualTo(q.sample(x, 100, Rng.seeded(6)).toArray());
        Path file = dir.resolve(name);
        ModelFile.save(q, file);
        NpePosterior back = ModelFile.load(file, task -> DECLARED);
        assertThat(back.standardization()).isEqualTo(q.standardization());
        assertThat(back.sample(permuted, 100, Rng.seeded(6)).toArray())
                .isDeepEqualTo(q.sample(x, 100, Rng.seeded(6)).toArray());
        return file;
    }

    @Test
    void theDefaultFollowsTheOrderedRowsByTheirMomentsThroughItsModelFile() throws IOException {
        NpeConfig flow = NpeConfig.defaults(Estimator.MAF).withFlow(new FlowConfig(FlowType.MAF, 2, List.of(16, 16),
                HiddenActivation.TANH, 5, 3.0)).withEpochs(6, 6).withLearningRate(3e-3);
        NpePosterior q = DefaultNpe.of(List.of(flow)).train(DECLARED, 1_000, Rng.seeded(5), new CostMeter());
        Standardization s = q.standardization();
        assertThat(s.rowWidth()).isEqualTo(2);
        assertThat(s.rowMoments()).isTrue();
        assertThat(s.dataLength()).isEqualTo(6);
        assertThat(s.inputWidth()).isEqualTo(6 + 5);
        // the moments' scores are those of the three points' mean (near θ's prior mean, 0.5) and covariance; the
        // variances (columns 9 and 11), positive and skewed, are read on the log scale: a variance of three points
        // about their mean is 0.09·χ²₂/3, whose log has mean ln 0.03 + ln 2 − γ
        double[] mean = s.xMean();
        assertThat(mean[6]).isCloseTo(0.5, within(0.03));
        assertThat(mean[7]).isCloseTo(0.5, within(0.03));
        assertThat(s.loggedX()).containsExactly(8, 10);
        assertThat(mean[8]).isCloseTo(Math.log(0.03) + Math.log(2) - 0.5772, within(0.1));
        assertThat(mean[9]).isCloseTo(0, within(0.01));
        assertThat(s.columnNames(DECLARED.dataNames())).endsWith("rows_mean_1", "rows_mean_2", "rows_cov_1_1",
                "rows_cov_1_2", "rows_cov_2_2").hasSize(11);

        Path file = answersEveryOrderAlikeThroughItsModelFile(q, "moments.zip");
        var manifest = ModelFile.readManifest(file);
        assertThat(manifest.formatVersion()).isEqualTo(ModelFile.FORMAT_VERSION).isEqualTo(11);
        assertThat(manifest.standardization().xRowMoments()).isTrue();
        assertThatThrownBy(() -> q.sample(new double[] {0.1, 0.2, 0.3, 0.4}, 5, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSingleEstimatorReadsTheOrderedRowsAloneUnlessAskedAndWideRowsNeverWithMoments() {
        NpePosterior alone = new Npe(TestTasks.quickConfig()).train(DECLARED, 300, Rng.seeded(3), new CostMeter());
        assertThat(alone.standardization().rowMoments()).isFalse();
        assertThat(alone.standardization().inputWidth()).isEqualTo(6);
        NpePosterior off = DefaultNpe.of(List.of(TestTasks.quickConfig())).with(n -> n.withRowMoments(false))
                .train(DECLARED, 300, Rng.seeded(3), new CostMeter());
        assertThat(off.standardization().rowMoments()).isFalse();
        // rows of 11 values: more moments (77) than a row of 11 is worth; read as ordered rows only
        Task wide = RowsLayout.declaredOn(TestTasks.inUnitBox("test_wide_rows", 2, 22, (theta, rng) -> {
            double[] x = new double[22];
            for (int i = 0; i < 22; i++) {
                x[i] = theta[i % 2] + rng.nextGaussian();
            }
            return x;
        }), 11);
        NpePosterior wideRows = DefaultNpe.of(List.of(TestTasks.quickConfig()))
                .train(wide, 300, Rng.seeded(3), new CostMeter());
        assertThat(wideRows.standardization().rowWidth()).isEqualTo(11);
        assertThat(wideRows.standardization().rowMoments()).isFalse();
    }

    @Test
    void aWarmStartKeepsTheEarlierFitsMoments() {
        NpePosterior first = new Npe(TestTasks.quickConfig()).withRowMoments(true)
                .train(DECLARED, 500, Rng.seeded(7), new CostMeter());
        NpePosterior further = new Npe(TestTasks.quickConfig()).startingFrom(first)
                .train(DECLARED, 500, Rng.seeded(8), new CostMeter());
        assertThat(further.standardization().rowMoments()).isTrue();
        assertThat(further.standardization().inputWidth()).isEqualTo(11);
        assertThat(further.logDensity(new double[] {0.5, 0.3}, new double[] {0.9, 0.1, 0.2, 0.5, 0.6, 0.4}))
                .isFinite();
    }

    @Test
    void theHeldOutRuleScoresAndKeepsCandidatesThatReadOrderedRows() {
        NpePosterior kept = DefaultNpe.of(List.of(TestTasks.quickConfig(), TestTasks.quickConfig().withComponents(2)))
                .byHeldOutPairs().train(DECLARED, 600, Rng.seeded(9), new CostMeter());
        assertThat(kept.standardization().rowWidth()).isEqualTo(2);
        assertThat(kept.provenance().selection().candidates())
                .allSatisfy(score -> assertThat(score.value()).isFinite());
        double[] theta = {0.5, 0.3};
        assertThat(kept.logDensity(theta, new double[] {0.6, 0.4, 0.9, 0.1, 0.2, 0.5}))
                .isEqualTo(kept.logDensity(theta, new double[] {0.9, 0.1, 0.2, 0.5, 0.6, 0.4}));
    }

    @Test
    void theSameTaskUndeclaredIsReadAsGiven() {
        NpePosterior q = DefaultNpe.of(List.of(TestTasks.quickConfig()))
                .train(POINTS, 1_000, Rng.seeded(5), new CostMeter());
        assertThat(q.standardization().rowWidth()).isZero();
        double[] theta = {0.5, 0.3};
        assertThat(q.logDensity(theta, new double[] {0.6, 0.4, 0.9, 0.1, 0.2, 0.5}))
                .isNotEqualTo(q.logDensity(theta, new double[] {0.9, 0.1, 0.2, 0.5, 0.6, 0.4}));
    }

    @Test
    void aWarmStartKeepsTheEarlierFitsOrderEitherWay() {
        double[] theta = {0.5, 0.3};
        double[] x = {0.9, 0.1, 0.2, 0.5, 0.6, 0.4};
        double[] permuted = {0.6, 0.4, 0.9, 0.1, 0.2, 0.5};
        NpePosterior asGiven = new Npe(TestTasks.quickConfig()).train(POINTS, 500, Rng.seeded(7), new CostMeter());
        NpePosterior more = new Npe(TestTasks.quickConfig()).startingFrom(asGiven)
                .train(DECLARED, 500, Rng.seeded(8), new CostMeter());
        // trained further in the units and order its weights were trained in: x read as given, though now declared
        assertThat(more.standardization().rowWidth()).isZero();
        assertThat(more.logDensity(theta, permuted)).isNotEqualTo(more.logDensity(theta, x));

        NpePosterior ordered = new Npe(TestTasks.quickConfig()).train(DECLARED, 500, Rng.seeded(7), new CostMeter());
        NpePosterior further = new Npe(TestTasks.quickConfig()).startingFrom(ordered)
                .train(POINTS, 500, Rng.seeded(8), new CostMeter());
        assertThat(further.standardization().rowWidth()).isEqualTo(2);
        assertThat(further.logDensity(theta, permuted)).isEqualTo(further.logDensity(theta, x));
    }

    @Test
    void declaringRowsAgainKeepsTheTaskAndWidthZeroReadsXAsGiven() {
        assertThat(RowsLayout.declaredOn(DECLARED, 2)).isSameAs(DECLARED);
        assertThat(RowsLayout.declaredOn(DECLARED, 0).dataLayout()).isEmpty();
        assertThat(RowsLayout.declaredOn(POINTS, 0)).isSameAs(POINTS);
        assertThat(RowsLayout.declaredOn(POINTS, 3).dataLayout()).contains(new RowsLayout(2, 3));
        assertThatThrownBy(() -> RowsLayout.declaredOn(DECLARED, 3))
                .hasMessageContaining("declares its data's layout already (RowsLayout[rows=3, width=2])");
        assertThatThrownBy(() -> RowsLayout.declaredOn(POINTS, 4))
                .hasMessageContaining("not two or more whole rows of 4");
        assertThatThrownBy(() -> RowsLayout.declaredOn(POINTS, -1)).hasMessageContaining("rows of -1");
        NpePosterior asGiven = new Npe(TestTasks.quickConfig())
                .train(RowsLayout.declaredOn(DECLARED, 0), 300, Rng.seeded(3), new CostMeter());
        assertThat(asGiven.standardization().rowWidth()).isZero();
    }

    @Test
    void aLayoutThatIsNotTheTasksDataIsRefusedNamingBoth() {
        Task wrong = new ForwardingTask(POINTS) {
            @Override
            public Optional<DataLayout> dataLayout() {
                return Optional.of(new RowsLayout(2, 2));
            }
        };
        assertThatThrownBy(() -> new Npe(TestTasks.quickConfig()).train(wrong, 200, Rng.seeded(1), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task test_points declares its x as 2 rows of 2 values (4), but it has 6 data"
                        + " values");
    }
}
