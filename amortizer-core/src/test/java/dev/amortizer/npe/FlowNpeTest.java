package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.model.ModelFile;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.InvalidSimulations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** NPE with each flow: bounded support through the bijection, model files, checkpoints, threads, bad simulations. */
class FlowNpeTest {
    @TempDir
    Path dir;

    static NpeConfig quick(Estimator e) {
        NpeConfig d = NpeConfig.defaults(e);
        return d.withFlow(d.flow().withTransforms(2).withHidden(List.of(16, 16), HiddenActivation.TANH))
                .withEpochs(6, 6).withBatchSize(128);
    }

    static NpePosterior train(Estimator e, Task task, int n, long seed) {
        return new Npe(quick(e)).train(task, n, Rng.seeded(seed), new CostMeter());
    }

    @ParameterizedTest
    @EnumSource(value = Estimator.class, names = {"MAF", "NSF", "COUPLING", "MDN"})
    void drawsStayInsideABoundedSupportWithoutRejectionAndTheDensityIsZeroOutside(Estimator e) {
        NpeConfig config = (e == Estimator.MDN ? TestTasks.quickConfig() : quick(e))
                .withSupport(SupportHandling.BIJECTION);
        NpePosterior q = new Npe(config).train(TestTasks.box(), 1500, Rng.seeded(2),
                new CostMeter());
        double[] x = {0.02, 0.98};
        Samples s = q.sample(x, 4000, Rng.seeded(3));
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.get(i, 0)).isStrictlyBetween(0.0, 1.0);
            assertThat(s.get(i, 1)).isStrictlyBetween(0.0, 1.0);
        }
        assertThat(q.bijection()).isNotNull();
        assertThat(q.logDensity(new double[] {0.05, 0.95}, x)).isFinite();
        assertThat(q.logDensity(new double[] {-0.05, 0.95}, x)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @EnumSource(value = Estimator.class, names = {"MAF", "NSF", "COUPLING"})
    void savedAndLoadedModelsGiveIdenticalDrawsAndDensities(Estimator e) throws Exception {
        NpePosterior q = train(e, TestTasks.box(), 800, 4);
        Path file = dir.resolve(e.label() + ".zip");
        ModelFile.save(q, file);
        NpePosterior back = ModelFile.load(file, name -> TestTasks.box());
        double[] x = {0.4, 0.6};
        assertThat(back.sample(x, 500, Rng.seeded(5)).toArray()).isDeepEqualTo(q.sample(x, 500, Rng.seeded(5)).toArray());
        double[][] theta = {{0.3, 0.7}, {0.5, 0.5}};
        double[][] xs = {x, x};
        assertThat(back.logDensity(theta, xs)).containsExactly(q.logDensity(theta, xs));
        assertThat(ModelFile.readManifest(file).estimator()).isEqualTo(e.label());
        assertThat(back.config()).isEqualTo(q.config());
    }

    @ParameterizedTest
    @EnumSource(value = Estimator.class, names = {"NSF", "MDN"})
    void truncationRedrawsWhatFallsOutsideAndSavesNoBijection(Estimator e) throws Exception {
        NpeConfig config = (e == Estimator.MDN ? TestTasks.quickConfig() : quick(e))
                .withSupport(SupportHandling.TRUNCATION);
        NpePosterior q = new Npe(config).train(TestTasks.box(), 1500, Rng.seeded(2),
                new CostMeter());
        assertThat(q.bijection()).isNull();
        Samples s = q.sample(new double[] {0.02, 0.98}, 3000, Rng.seeded(3));
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.get(i, 0)).isBetween(0.0, 1.0);
            assertThat(s.get(i, 1)).isBetween(0.0, 1.0);
        }
        Path file = dir.resolve("t.zip");
        ModelFile.save(q, file);
        assertThat(ModelFile.readManifest(file).bijection()).isNull();
        assertThat(ModelFile.load(file, name -> TestTasks.box()).sample(new double[] {0.5, 0.5}, 100, Rng.seeded(4))
                .toArray()).isDeepEqualTo(q.sample(new double[] {0.5, 0.5}, 100, Rng.seeded(4)).toArray());
    }

    @ParameterizedTest
    @EnumSource(value = Estimator.class, names = {"NSF", "MDN", "FMPE"})
    void aCrashedRunResumesFromItsCheckpointToTheSameFinalWeights(Estimator e) {
        NpeConfig config = (e == Estimator.MDN ? TestTasks.quickConfig() : e == Estimator.FMPE
                ? NpeConfig.defaults(e).withHidden(List.of(16, 16), HiddenActivation.RELU).withBatchSize(128)
                : quick(e)).withEpochs(8, 8);
        Task task = TestTasks.box();
        NpePosterior uninterrupted = new Npe(config).withCheckpoints(dir.resolve("a"))
                .train(task, 600, Rng.seeded(6), new CostMeter());

        Path crashDir = dir.resolve("b");
        Npe crashing = new Npe(config).withCheckpoints(crashDir).withListener(report -> {
            if (report.epoch() == 3) {
                throw new IllegalStateException("simulated crash after epoch 3");
            }
        });
        assertThatThrownBy(() -> crashing.train(task, 600, Rng.seeded(6), new CostMeter()))
                .hasMessageContaining("simulated crash");
        assertThat(crashDir.resolve(Npe.CHECKPOINT_FILE)).exists();
        assertThat(crashDir.resolve(Npe.CAMPAIGN_DIR).resolve("batch-000000.bin")).exists();

        List<Integer> resumedEpochs = new ArrayList<>();
        CostMeter meter = new CostMeter();
        NpePosterior resumed = new Npe(config).withCheckpoints(crashDir)
                .withListener(report -> resumedEpochs.add(report.epoch())).train(task, 600, Rng.seeded(6), meter);
        assertThat(resumedEpochs).startsWith(4);
        assertThat(meter.ledger().fixed().simulatorCalls()).as("F counts the simulations the crashed run paid for")
                .isEqualTo(600);
        assertThat(resumed.provenance().source().origin()).isEqualTo("simulated");
        double[] x = {0.3, 0.6};
        assertThat(resumed.sample(x, 2000, Rng.seeded(1)).toArray())
                .isDeepEqualTo(uninterrupted.sample(x, 2000, Rng.seeded(1)).toArray());
        double[][] theta = {{0.2, 0.5}, {0.7, 0.4}};
        assertThat(resumed.logDensity(theta, new double[][] {x, x}))
                .containsExactly(uninterrupted.logDensity(theta, new double[][] {x, x}));
        assertThat(resumed.provenance().epochs()).isEqualTo(uninterrupted.provenance().epochs());
    }

    @Test
    void simulationsSavedUnderOneSeedAreNotMixedWithAnothers() {
        NpeConfig config = TestTasks.quickConfig().withEpochs(1, 1);
        Path shared = dir.resolve("keyed");
        new Npe(config).withCheckpoints(shared, "seed 1").train(TestTasks.box(), 300,
                Rng.seeded(1), new CostMeter());
        assertThatThrownBy(() -> new Npe(config).withCheckpoints(shared, "seed 2")
                .train(TestTasks.box(), 300, Rng.seeded(2), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 1")
                .hasMessageContaining("seed 2").hasMessageContaining("batch-000000.bin");
        assertThatThrownBy(() -> new Npe(config).withCheckpoints(shared, " "))
                .hasMessageContaining("non-blank");
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        NpeConfig config = quick(Estimator.COUPLING).withEpochs(2, 2);
        Path shared = dir.resolve("c");
        new Npe(config).withCheckpoints(shared).train(TestTasks.box(), 300, Rng.seeded(1),
                new CostMeter());
        assertThatThrownBy(() -> new Npe(config).withCheckpoints(shared)
                .train(TestTasks.box(), 400, Rng.seeded(1), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300 simulations")
                .hasMessageContaining("400 simulations").hasMessageContaining("use another directory");
        assertThatThrownBy(() -> new Npe(config).withCheckpoints(shared)
                .train(TestTasks.box(), 300, Rng.seeded(2), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different training run");
    }

    @Test
    void eightThreadsSampleExactlyWhatOneThreadSamples() throws Exception {
        assertEightThreadsSampleWhatOneSamples(train(Estimator.MAF, TestTasks.box(), 800, 7));
    }

    /** 24 queries on 8 threads at once give exactly what the same queries give one after another. */
    static void assertEightThreadsSampleWhatOneSamples(NpePosterior q) throws Exception {
        int tasks = 24;
        List<double[][]> sequential = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            sequential.add(q.sample(new double[] {0.1 * (t % 10), 0.5}, 1500, Rng.seeded(t)).toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                int seed = t;
                futures.add(pool.submit(() -> q.sample(new double[] {0.1 * (seed % 10), 0.5}, 1500,
                        Rng.seeded(seed)).toArray()));
            }
            for (int t = 0; t < tasks; t++) {
                assertThat(futures.get(t).get()).isDeepEqualTo(sequential.get(t));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void simulationsWithNonFiniteDataAreDroppedAndCountedOrRefused() {
        Task flaky = new TestTasks.LinearGaussian(new double[][] {{1, 0}, {0, 1}}, 0.5) {
            @Override
            public dev.amortizer.task.Simulator simulator() {
                var inner = super.simulator();
                return TestTasks.simulator(2, (theta, rng) -> theta[0] > 1.5 ? new double[] {Double.NaN, 0}
                        : inner.simulate(theta, rng));
            }
        };
        NpePosterior q = train(Estimator.COUPLING, flaky, 1000, 8);
        assertThat(q.provenance().invalidSimulations()).isBetween(30, 110); // P(θ₁ > 1.5) ≈ 6.7%
        assertThatThrownBy(() -> new Npe(quick(Estimator.COUPLING))
                .withInvalidSimulations(InvalidSimulations.FAIL).train(flaky, 1000, Rng.seeded(8), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN or infinite")
                .hasMessageContaining("FAIL");
    }

    @Test
    void aFlowLearnsALinearGaussianPosterior() {
        TestTasks.LinearGaussian task = new TestTasks.LinearGaussian(new double[][] {{1, 0.5}, {-0.3, 1}}, 0.5);
        NpeConfig d = NpeConfig.defaults(Estimator.MAF);
        NpeConfig config = d.withFlow(d.flow().withTransforms(2).withHidden(List.of(32, 32), HiddenActivation.TANH))
                .withEpochs(40, 10);
        NpePosterior q = new Npe(config).train(task, 4000, Rng.seeded(9), new CostMeter());
        double[] x = {0.8, -0.4};
        Samples s = q.sample(x, 20_000, Rng.seeded(10));
        double[] m = task.posteriorMean(x);
        double[][] c = task.posteriorCovariance();
        assertThat(s.mean()[0]).isCloseTo(m[0], within(0.05));
        assertThat(s.mean()[1]).isCloseTo(m[1], within(0.05));
        assertThat(s.sd()[0]).isCloseTo(Math.sqrt(c[0][0]), within(0.05));
        assertThat(s.sd()[1]).isCloseTo(Math.sqrt(c[1][1]), within(0.05));
    }

    @Test
    void aFlowEstimatorNeedsAMatchingFlowConfig() {
        assertThatThrownBy(() -> NpeConfig.defaults(Estimator.NSF).withFlow(FlowConfig.defaults(
                dev.amortizer.flow.FlowType.MAF))).hasMessageContaining("needs a flow config of type NSF");
        assertThatThrownBy(() -> Estimator.byLabel("glow")).hasMessageContaining("unknown estimator 'glow'");
        assertThat(Files.exists(dir)).isTrue();
    }

    @Test
    void theValidationLossIsInThetasUnitsWhateverTheSupportHandling() {
        // The box's logit map moves −log q by E[log θ(1 − θ)] = −2 per coordinate, so a loss left in u's units would
        // sit about 4 nats from the mean −log q(θ | x) of fresh pairs; in θ's units the two agree up to noise.
        Task task = TestTasks.box();
        Rng rng = Rng.seeded(21);
        double[][] theta = task.prior().sample(4000, rng);
        double[][] x = task.simulator().simulate(theta, rng);
        for (SupportHandling support : List.of(SupportHandling.BIJECTION, SupportHandling.TRUNCATION)) {
            NpePosterior q = new Npe(quick(Estimator.NSF).withSupport(support))
                    .train(task, 1500, Rng.seeded(22), new CostMeter());
            double fresh = -java.util.Arrays.stream(q.logDensity(theta, x)).average().orElseThrow();
            assertThat(q.provenance().validationLoss()).as("%s", support).isCloseTo(fresh, within(0.4));
        }
    }

    @Test
    void withAnAlternativeTheLowerValidationLossWinsAndEveryCandidatesTrainingIsCharged() {
        Task task = TestTasks.box();
        NpePosterior nsf = new Npe(quick(Estimator.NSF)).train(task, 800, Rng.seeded(9), new CostMeter());
        // a coupling flow left at its initial weights (one epoch at a negligible step) scores far worse on the rows
        // both candidates hold out, whichever is listed first
        NpeConfig untrained = quick(Estimator.COUPLING).withEpochs(1, 1).withLearningRate(1e-9);
        for (List<NpeConfig> candidates : List.of(List.of(quick(Estimator.NSF), untrained),
                List.of(untrained, quick(Estimator.NSF)))) {
            CostMeter meter = new CostMeter();
            NpePosterior chosen = DefaultNpe.of(candidates).train(task, 800, Rng.seeded(9), meter);
            assertThat(chosen.config().estimator()).isEqualTo(Estimator.NSF);
            assertThat(chosen.costLedger().get(dev.amortizer.cost.Phase.TRAINING).forwardPasses())
                    .isGreaterThan(nsf.costLedger().get(dev.amortizer.cost.Phase.TRAINING).forwardPasses());
            assertThat(meter.ledger().get(dev.amortizer.cost.Phase.SIMULATION).simulatorCalls()).isEqualTo(800);
        }
        assertThatThrownBy(() -> DefaultNpe.of(java.util.Arrays.asList(quick(Estimator.NSF), null)))
                .hasMessageContaining("no null");
    }
}
