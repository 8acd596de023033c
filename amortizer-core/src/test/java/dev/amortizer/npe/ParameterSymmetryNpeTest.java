package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Task;
import dev.amortizer.task.UniformBoxPrior;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a task declares a parameter symmetry, NPE trains on θ folded by it and its posterior is the orbit average:
 * draws reflected at random, a density equal at θ and its images; the model file records the symmetry; without the
 * declaration θ is fitted as given; a declaration the prior does not have is refused.
 */
class ParameterSymmetryNpeTest {
    @TempDir
    Path dir;

    private static final ParameterSymmetry FLIP = ParameterSymmetry.parse(2, List.of("flip 1"));

    /** θ ~ U(−1, 1)², x = (|θ₁|, θ₂) + N(0, 0.05²): the sign of θ₁ is not identifiable, the posterior bimodal. */
    private static final Task MIRRORED = declaring(FLIP, new ForwardingTask(TestTasks.inUnitBox("test_mirrored", 2, 2,
            (theta, rng) -> new double[] {Math.abs(theta[0]) + 0.05 * rng.nextGaussian(),
                    theta[1] + 0.05 * rng.nextGaussian()})) {
        @Override
        public Prior prior() {
            return UniformBoxPrior.cube(2, -1, 1);
        }
    });

    private static Task declaring(ParameterSymmetry symmetry, Task task) {
        return new ForwardingTask(task) {
            @Override
            public Optional<ParameterSymmetry> parameterSymmetry() {
                return Optional.ofNullable(symmetry);
            }
        };
    }

    @Test
    void aDeclaredSymmetryIsFoldedAtTrainingAndAveragedAtQueries() throws IOException {
        NpePosterior q = new Npe(TestTasks.quickConfig()).train(MIRRORED, 2_000, Rng.seeded(5), new CostMeter());
        assertThat(q.standardization().thetaSymmetry()).isEqualTo(FLIP);
        // fitted to |θ₁|: the scores' mean of θ₁ is that of U(0, 1), not of U(−1, 1)
        assertThat(q.standardization().thetaMean()[0]).isCloseTo(0.5, within(0.05));

        double[] x = {0.6, 0.2};
        double[][] draws = q.sample(x, 4_000, Rng.seeded(6)).toArray();
        long negative = java.util.Arrays.stream(draws).filter(t -> t[0] < 0).count();
        assertThat(negative).isBetween(1_850L, 2_150L); // half of 4,000; the binomial SD is about 32
        assertThat(java.util.Arrays.stream(draws).mapToDouble(t -> Math.abs(t[0])).average().orElseThrow())
                .isCloseTo(0.6, within(0.1));

        double[] theta = {0.55, 0.2};
        double[] image = {-0.55, 0.2};
        assertThat(q.logDensity(image, x)).isEqualTo(q.logDensity(theta, x)).isFinite();
        // the orbit average of the estimator's own density, read by a posterior that does not symmetrise
        NpePosterior fitted = NpePosterior.restore(q.task(), q.config(), q.standardization().foldingTheta(null),
                q.bijection(), q.provenance(), q.costLedger(), q.weights());
        double a = fitted.logDensity(theta, x);
        double b = fitted.logDensity(image, x);
        assertThat(a).isGreaterThan(b + 2); // the estimator learned the folded posterior: |θ₁| near 0.6
        assertThat(q.logDensity(theta, x)).isCloseTo(Math.log((Math.exp(a) + Math.exp(b)) / 2), within(1e-12));

        Path file = dir.resolve("mirrored.zip");
        ModelFile.save(q, file);
        assertThat(ModelFile.readManifest(file).standardization().thetaSymmetry()).containsExactly("flip 1");
        NpePosterior back = ModelFile.load(file, name -> MIRRORED);
        assertThat(back.standardization()).isEqualTo(q.standardization());
        assertThat(back.sample(x, 100, Rng.seeded(7)).toArray()).isDeepEqualTo(q.sample(x, 100, Rng.seeded(7))
                .toArray());
        assertThat(back.logDensity(theta, x)).isEqualTo(q.logDensity(theta, x));
    }

    @Test
    void theHeldOutRuleScoresSymmetrisedCandidates() {
        NpePosterior kept = DefaultNpe.of(List.of(TestTasks.quickConfig(), TestTasks.quickConfig().withComponents(2)))
                .byHeldOutPairs().train(MIRRORED, 600, Rng.seeded(9), new CostMeter());
        assertThat(kept.standardization().thetaSymmetry()).isEqualTo(FLIP);
        assertThat(kept.provenance().selection().candidates())
                .allSatisfy(score -> assertThat(score.value()).isFinite());
    }

    @Test
    void undeclaredThetaIsFittedAsGivenAndAWarmStartKeepsTheEarlierFitsChoice() {
        Task undeclared = ParameterSymmetry.undeclaredOn(MIRRORED);
        assertThat(undeclared.parameterSymmetry()).isEmpty();
        assertThat(ParameterSymmetry.undeclaredOn(undeclared)).isSameAs(undeclared);
        NpePosterior asGiven = new Npe(TestTasks.quickConfig()).train(undeclared, 1_000, Rng.seeded(5),
                new CostMeter());
        assertThat(asGiven.standardization().thetaSymmetry()).isNull();
        assertThat(asGiven.standardization().thetaMean()[0]).isCloseTo(0, within(0.1));

        NpePosterior more = new Npe(TestTasks.quickConfig()).startingFrom(asGiven)
                .train(MIRRORED, 500, Rng.seeded(8), new CostMeter());
        assertThat(more.standardization().thetaSymmetry()).isNull(); // trained further in its fit's units
        NpePosterior folded = new Npe(TestTasks.quickConfig()).train(MIRRORED, 500, Rng.seeded(7), new CostMeter());
        NpePosterior further = new Npe(TestTasks.quickConfig()).startingFrom(folded)
                .train(undeclared, 500, Rng.seeded(8), new CostMeter());
        assertThat(further.standardization().thetaSymmetry()).isEqualTo(FLIP);
    }

    @Test
    void aSymmetryThePriorDoesNotHaveIsRefused() {
        Task wrong = declaring(FLIP, TestTasks.box()); // θ ~ U(0, 1)²: flipping θ₁ leaves the box
        assertThatThrownBy(() -> new Npe(TestTasks.quickConfig()).train(wrong, 200, Rng.seeded(1), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task test_box declares the parameter symmetry flip 1, which its prior does not"
                        + " have")
                .hasMessageContaining("does not map onto itself under flip 1");
    }
}
