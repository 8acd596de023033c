package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.model.ModelFile;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.CandidateSelection;
import dev.amortizer.training.TrainingSimulations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldOutSelectionTest {
    /** Posteriors far narrower than the prior, so that an untrained network scores visibly worse. */
    private static final Task TASK = new TestTasks.LinearGaussian(new double[][] {{1, 0.8}, {0, 1}}, 0.2);

    @TempDir
    Path dir;

    /** A small MDN trained long enough to beat the prior clearly. */
    private static NpeConfig good() {
        return TestTasks.quickConfig().withEpochs(30, 30).withBatchSize(64);
    }

    /** A spline flow trained one epoch at a learning rate too small to move its weights: deliberately bad. */
    private static NpeConfig bad() {
        return FlowNpeTest.quick(Estimator.NSF).withEpochs(1, 1).withLearningRate(1e-7);
    }

    private static NpeConfig quickFmpe() {
        return NpeConfig.fmpeDefaults().withHidden(List.of(16, 16), HiddenActivation.TANH).withEpochs(4, 4);
    }

    @Test
    void aBadCandidateLosesAcrossFamiliesAndEveryScoreIsRecordedInTheModelFile() throws Exception {
        List<NpePosterior> every = new ArrayList<>();
        NpePosterior kept = DefaultNpe.of(List.of(bad(), quickFmpe(), good())).byHeldOutPairs()
                .onEveryCandidate(every::addAll).train(TASK, 1000, Rng.seeded(4), new CostMeter());
        CandidateSelection s = kept.provenance().selection();
        assertThat(s.heldOutPairs()).isEqualTo(100);
        assertThat(s.candidates()).extracting(CandidateSelection.Score::label)
                .containsExactly(bad().label(), quickFmpe().label(), good().label());
        assertThat(s.candidates()).allSatisfy(c -> assertThat(c.value()).isFinite());
        double badValue = s.candidates().get(0).value();
        double keptValue = s.candidates().stream().filter(c -> c.label().equals(s.chosen())).findFirst()
                .orElseThrow().value();
        assertThat(s.chosen()).isNotEqualTo(bad().label());
        assertThat(badValue).isGreaterThan(keptValue + 0.1);
        assertThat(s.candidates()).allSatisfy(c -> assertThat(c.value()).isGreaterThanOrEqualTo(keptValue));
        // the kept model is the candidate fitted, and every candidate trained on the 900 pairs not held out
        assertThat(every).hasSize(3).doesNotContainNull();
        NpePosterior same = every.get(s.candidates().indexOf(s.candidates().stream()
                .filter(c -> c.label().equals(s.chosen())).findFirst().orElseThrow()));
        assertThat(kept.weights()).isEqualTo(same.weights());
        assertThat(every).allSatisfy(q -> assertThat(q.provenance().simulations()).isEqualTo(900));

        Path file = dir.resolve("kept.zip");
        ModelFile.save(kept, file);
        assertThat(ModelFile.readManifest(file).selection()).isEqualTo(s);
        NpePosterior back = ModelFile.load(file, name -> TASK);
        assertThat(back.provenance().selection()).isEqualTo(s);
    }

    @Test
    void theSameSeedChoosesTheSameAndTheDefaultRuleWritesNoSelection() throws Exception {
        DefaultNpe rule = DefaultNpe.of(List.of(good(), bad())).byHeldOutPairs();
        NpePosterior a = rule.train(TASK, 400, Rng.seeded(8), new CostMeter());
        NpePosterior b = rule.train(TASK, 400, Rng.seeded(8), new CostMeter());
        assertThat(b.provenance().selection()).isEqualTo(a.provenance().selection());
        assertThat(b.weights()).isEqualTo(a.weights());

        NpePosterior byLoss = DefaultNpe.of(List.of(good(), bad())).train(TASK, 400, Rng.seeded(8), new CostMeter());
        assertThat(byLoss.provenance().selection()).isNull();
        Path file = dir.resolve("default.zip");
        ModelFile.save(byLoss, file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).contains("\"device\"").doesNotContain("selection");
        }
    }

    @Test
    void aCandidateThatFailsIsRecordedAndNeverKeptAndEqualLabelsStayApart() {
        // the second candidate's training throws after its first epoch, as a diverging one would
        NpeConfig failing = good().withComponents(2);
        DefaultNpe rule = DefaultNpe.of(List.of(good(), failing, bad())).byHeldOutPairs().with(trainer ->
                trainer.config().equals(failing) ? trainer.withListener(report -> {
                    throw new IllegalStateException("diverged");
                }) : trainer);
        NpePosterior kept = rule.train(TASK, 400, Rng.seeded(8), new CostMeter());
        CandidateSelection s = kept.provenance().selection();
        assertThat(s.candidates()).extracting(CandidateSelection.Score::label)
                .containsExactly(good().label(), good().label() + "-2", bad().label());
        assertThat(s.chosen()).isEqualTo(good().label());
        assertThat(s.candidates().get(1).value()).isNull();
        assertThat(s.candidates().get(1).failure()).contains("diverged");
        assertThat(s.candidates().get(2).value()).isGreaterThan(s.candidates().get(0).value());
    }

    /**
     * On a box whose posteriors spill far over its edges, a truncated candidate's draws have density q / Z(x): its
     * score is its mean −log q plus the mean log in-box mass (below zero), which an independent estimate with many
     * more draws confirms; a candidate learning through the bijection puts no mass outside and is scored as is.
     */
    @Test
    void aTruncatedCandidateIsScoredByTheDensityOfItsDrawsRenormalisedToTheBox() {
        Task box = TestTasks.box();
        NpeConfig truncated = good().withSupport(SupportHandling.TRUNCATION);
        NpeConfig mapped = good().withSupport(SupportHandling.BIJECTION);
        List<DefaultNpe.HeldOutFits> seen = new ArrayList<>();
        NpePosterior kept = DefaultNpe.of(List.of(truncated, mapped)).byHeldOutPairs().onHeldOutFits(seen::add)
                .train(box, 1000, Rng.seeded(6), new CostMeter());
        CandidateSelection s = kept.provenance().selection();
        DefaultNpe.HeldOutFits fits = seen.get(0);
        assertThat(fits.theta()).hasNumberOfRows(100);
        NpePosterior q = fits.candidates().get(0);
        double raw = HeldOutSelection.meanNegativeLogDensity(q, fits.theta(), fits.x());
        double shift = s.candidates().get(0).value() - raw;
        double[] logZ = new double[fits.x().length];
        Rng rng = Rng.seeded(99);
        for (int r = 0; r < logZ.length; r++) {
            logZ[r] = Math.log(q.supportMass(fits.x()[r], 20_000, rng));
        }
        double expected = java.util.Arrays.stream(logZ).average().orElseThrow();
        assertThat(expected).as("the box cuts these posteriors").isLessThan(-0.1);
        assertThat(shift).isCloseTo(expected, org.assertj.core.api.Assertions.within(0.02));
        NpePosterior u = fits.candidates().get(1);
        assertThat(u.supportMass(fits.x()[0], 10, rng)).isEqualTo(1.0);
        assertThat(s.candidates().get(1).value())
                .isEqualTo(HeldOutSelection.meanNegativeLogDensity(u, fits.theta(), fits.x()));
        assertThat(s.criterion()).contains("renormalised");
    }

    @Test
    void theAcrossFamiliesCandidatesAddFlowsAnEnsembleAndFmpeToTheDefaults() {
        Task bounded = TestTasks.box();
        List<NpeConfig> twoMoonsLike = DefaultNpe.acrossFamilyCandidates(bounded);
        assertThat(twoMoonsLike).containsExactly(NpeConfig.defaultsFor(2), NpeConfig.defaults(Estimator.NSF),
                DefaultNpe.truncatedSpline(), NpeConfig.fmpeDefaults());
        assertThat(DefaultNpe.acrossFamilies().name()).isEqualTo("npe-across");
        assertThat(new DefaultNpe().name()).isEqualTo("npe");
        assertThat(DefaultNpe.defaultCandidates(bounded)).containsExactly(NpeConfig.defaultsFor(2));
        assertThat(DefaultNpe.acrossFamilyCandidates(TASK)).as("no ensemble truncated to an unbounded prior")
                .containsExactly(NpeConfig.defaultsFor(2), NpeConfig.defaults(Estimator.NSF),
                        NpeConfig.fmpeDefaults());
        assertThat(HeldOutSelection.heldOutCount(10_000)).isEqualTo(1000);
        assertThat(HeldOutSelection.heldOutCount(3)).isEqualTo(1);
    }

    /**
     * A set-aside pair holding 0 in a column positive in every fitting pair could not be scored on the log scale: the
     * candidates read x as it is, and the rule keeps one instead of failing them all.
     */
    @Test
    void aSetAsidePairThatTheLogScaleCouldNotReadTurnsItOff() {
        Task growth = TestTasks.inUnitBox("test_growth", 2, 2, (theta, rng) -> new double[] {
            Math.exp(4 * theta[0] + 0.3 * rng.nextGaussian()), theta[1] + 0.3 * rng.nextGaussian()});
        TrainingSimulations sims = TrainingSimulations.simulate(growth, 400, Rng.seeded(2), new CostMeter());
        // keep() first shuffles the rows with its generator's first split; the first of them is set aside
        int[] order = java.util.stream.IntStream.range(0, 400).toArray();
        Rng.seeded(6).split().shuffle(order);
        sims.x()[order[0]][0] = 0;
        List<Npe> trainers = DefaultNpe.of(List.of(good())).trainers(growth);
        assertThat(trainers.get(0).logScalesData()).isTrue();
        List<double[][]> scored = new ArrayList<>();
        NpePosterior kept = new HeldOutSelection(fits -> scored.add(fits.x()))
                .keep(trainers, growth, sims, Rng.seeded(6), new CostMeter(), new CostMeter());
        assertThat(java.util.Arrays.stream(scored.get(0)).filter(x -> x[0] == 0)).hasSize(1); // the 0 was set aside
        assertThat(kept.standardization().loggedX()).isEmpty();
        assertThat(kept.provenance().selection().candidates()).allSatisfy(c -> assertThat(c.value()).isFinite());

        double[][] theta = {{0.5}, {0.5}, {Double.NaN}};
        double[][] fitting = {{1, -1}, {2, 3}, {-4, 5}}; // the last pair, θ NaN, is dropped by training
        assertThat(HeldOutSelection.positiveOnlyInFitting(theta, fitting, new double[][] {{0, 1}})).isTrue();
        assertThat(HeldOutSelection.positiveOnlyInFitting(theta, fitting, new double[][] {{1, 0}})).isFalse();
    }
}
