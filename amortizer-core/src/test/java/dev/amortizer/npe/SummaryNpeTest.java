package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.flow.FlowType;
import dev.amortizer.model.ModelFile;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.summary.SummaryNetwork;
import dev.amortizer.summary.SummaryNetworks;
import dev.amortizer.summary.SummaryType;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.Prior;
import dev.amortizer.task.SetLayout;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NPE with a summary network trained end to end: exact joint gradients, a correct posterior for every m, save/load. */
class SummaryNpeTest {
    static final SummaryConfig SMALL_SETS = new SummaryConfig(SummaryType.DEEPSETS, List.of(16, 8), 0, List.of(16), 4,
            HiddenActivation.TANH);

    /** θ ~ N(0, 1), y_1 … y_m | θ i.i.d. N(θ, 1), m ∈ 1 … 20: the posterior is N(Σy/(m+1), 1/(m+1)). */
    static final class NormalMeanSet implements Task {
        final SetLayout layout = SetLayout.of(20, 1);

        @Override
        public String name() {
            return "test_normal_mean_set";
        }

        @Override
        public Prior prior() {
            return DiagonalNormalPrior.isotropic(1, 1.0);
        }

        @Override
        public Simulator simulator() {
            return new Simulator() {
                @Override
                public int parameterDim() {
                    return 1;
                }

                @Override
                public int dataDim() {
                    return layout.flatLength();
                }

                @Override
                public double[] simulate(double[] theta, Rng rng) {
                    return set(theta[0], 1 + rng.nextInt(20), rng);
                }
            };
        }

        double[] set(double theta, int m, Rng rng) {
            double[][] rows = new double[m][1];
            for (double[] row : rows) {
                row[0] = theta + rng.nextGaussian();
            }
            return layout.encode(rows);
        }

        @Override
        public List<String> parameterNames() {
            return List.of("mu");
        }

        @Override
        public List<String> dataNames() {
            return layout.columnNames();
        }

        @Override
        public Optional<DataLayout> dataLayout() {
            return Optional.of(layout);
        }
    }

    static NpeConfig quickFlow() {
        return NpeConfig.defaults(Estimator.MAF).withFlow(new FlowConfig(FlowType.MAF, 2, List.of(16, 16),
                HiddenActivation.TANH, 5, 3.0)).withEpochs(25, 25).withLearningRate(3e-3).withBatchSize(128);
    }

    @Test
    void jointGradientOfFlowAndSummaryMatchesFiniteDifferences() {
        NormalMeanSet task = new NormalMeanSet();
        Rng rng = Rng.seeded(1);
        double[][] x = new double[10][];
        double[][] z = new double[10][];
        for (int r = 0; r < x.length; r++) {
            x[r] = task.simulator().simulate(new double[] {rng.nextGaussian()}, rng);
            z[r] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
        }
        SummaryNetwork summary = SummaryNetworks.create(SMALL_SETS, task.layout, x, rng);
        ConditionalFlow flow = ConditionalFlow.create(new FlowConfig(FlowType.MAF, 2, List.of(8),
                HiddenActivation.TANH, 5, 3.0), 2, summary.outputDim(), rng);
        for (double[] p : flow.parameters()) {
            for (int i = 0; i < p.length; i++) {
                p[i] += p[i] != 0 || rng.nextDouble() < 0.5 ? 0.3 * rng.nextGaussian() : 0; // leave the output layer non-zero
            }
        }
        List<double[]> params = new ArrayList<>(flow.parameters());
        params.addAll(summary.parameters());
        int flowArrays = flow.parameters().size();
        double weight = 0.1;
        double[][] grads = params.stream().map(p -> new double[p.length]).toArray(double[][]::new);
        SummaryTrainer.lossAndGradient(summary, flow, flowArrays, z, x, weight, grads);
        int checked = 0;
        for (int a = flowArrays; a < params.size(); a++) { // the summary's arrays: reached only through ∂L/∂context
            double[] p = params.get(a);
            for (int i = 0; i < p.length; i += 3) {
                double old = p[i];
                double h = 1e-6;
                p[i] = old + h;
                double up = SummaryTrainer.lossAndGradient(summary, flow, flowArrays, z, x, weight, zeros(params));
                p[i] = old - h;
                double down = SummaryTrainer.lossAndGradient(summary, flow, flowArrays, z, x, weight, zeros(params));
                p[i] = old;
                double numeric = (up - down) / (2 * h) * weight;
                assertThat(grads[a][i]).as("summary array %d entry %d", a - flowArrays, i)
                        .isCloseTo(numeric, within(1e-7 + 1e-4 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    private static double[][] zeros(List<double[]> params) {
        return params.stream().map(p -> new double[p.length]).toArray(double[][]::new);
    }

    @Test
    void oneNetworkServesSmallAndLargeSets(@TempDir Path dir) throws Exception {
        NormalMeanSet task = new NormalMeanSet();
        Npe npe = new Npe(quickFlow()).withSummary(SMALL_SETS);
        assertThat(npe.name()).isEqualTo("npe-maf-deepsets");
        NpePosterior q = npe.train(task, 3000, Rng.seeded(2), new CostMeter());
        assertThat(q.summary()).isEqualTo(SMALL_SETS);
        Rng rng = Rng.seeded(3);
        assertMomentsOfSmallAndLargeSets(task, q, rng);
        Path file = dir.resolve("set.zip");
        ModelFile.save(q, file);
        NpePosterior back = ModelFile.load(file, name -> task);
        assertThat(back.summary()).isEqualTo(SMALL_SETS);
        double[] x = task.set(-0.3, 7, rng);
        assertThat(back.sample(x, 50, Rng.seeded(5)).toArray()).isDeepEqualTo(q.sample(x, 50, Rng.seeded(5)).toArray());
        assertThat(back.logDensity(new double[] {0.1}, x)).isEqualTo(q.logDensity(new double[] {0.1}, x));
        assertThat(Files.exists(file)).isTrue();
    }

    /**
     * The same network and flow trained on pairs streamed from disk: the input scaling fitted in a pass over the
     * chunks, the posterior's moments as in memory, the same seed giving the same weights; a task without a layout is
     * refused before anything is simulated.
     */
    @Test
    void aSummaryNetworkTrainsOnPairsStreamedFromDisk(@TempDir Path dir) throws Exception {
        NormalMeanSet task = new NormalMeanSet();
        Npe npe = new Npe(quickFlow()).withSummary(SMALL_SETS);
        NpePosterior q = npe.trainStreamed(task, 3000, 500, dir.resolve("chunks"), Rng.seeded(2), new CostMeter());
        try (var files = Files.list(dir.resolve("chunks"))) {
            assertThat(files.count()).isEqualTo(6);
        }
        assertThat(q.summary()).isEqualTo(SMALL_SETS);
        assertThat(q.standardization().xSd()).as("x left raw for the summary's own scaling").containsOnly(1.0);
        assertMomentsOfSmallAndLargeSets(task, q, Rng.seeded(3));
        assertThat(npe.trainStreamed(task, 3000, 500, dir.resolve("again"), Rng.seeded(2), new CostMeter())
                .weights()).isEqualTo(q.weights());
        Task plain = new TestTasks.LinearGaussian(new double[][] {{1, 0}, {0, 1}}, 0.5);
        assertThatThrownBy(() -> npe.trainStreamed(plain, 100, 50, dir.resolve("plain"), Rng.seeded(1),
                new CostMeter())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data layout");
        assertThat(dir.resolve("plain")).doesNotExist();
    }

    /** q's draws at a set of 1 and of 20 rows have the exact posterior's mean and sd, within training error. */
    private static void assertMomentsOfSmallAndLargeSets(NormalMeanSet task, NpePosterior q, Rng rng) {
        for (int m : new int[] {1, 20}) {
            double[] x = task.set(0.8, m, rng);
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += x[1 + i];
            }
            double mean = sum / (m + 1);
            double sd = Math.sqrt(1.0 / (m + 1));
            Samples draws = q.sample(x, 4000, Rng.seeded(4));
            double[] col = new double[draws.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = draws.get(i, 0);
            }
            double drawMean = java.util.Arrays.stream(col).average().orElseThrow();
            double drawSd = Math.sqrt(java.util.Arrays.stream(col).map(v -> (v - drawMean) * (v - drawMean))
                    .sum() / (col.length - 1));
            assertThat(drawMean).as("posterior mean at m = %d", m).isCloseTo(mean, within(0.25 * sd + 0.05));
            assertThat(drawSd).as("posterior sd at m = %d", m).isCloseTo(sd, within(0.3 * sd));
        }
    }

    @Test
    void aSummaryNetworkNeedsAFlowAndATaskWithALayout() {
        assertThatThrownBy(() -> new Npe(NpeConfig.defaults()).withSummary(SMALL_SETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mdn");
        Task plain = new TestTasks.LinearGaussian(new double[][] {{1, 0}, {0, 1}}, 0.5);
        Npe npe = new Npe(quickFlow()).withSummary(SMALL_SETS);
        assertThatThrownBy(() -> npe.train(plain, 100, Rng.seeded(1), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data layout");
    }

    @Test
    void aPaddedRowThatDisagreesWithTheSetSizeIsRefusedAtQueryTime() {
        NormalMeanSet task = new NormalMeanSet();
        double[] x = task.set(0, 3, Rng.seeded(1));
        x[0] = 2;
        assertThatThrownBy(() -> task.checkObservation(x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 3");
    }
}
