package dev.amortizer.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.LogNormalPrior;
import dev.amortizer.task.UniformBoxPrior;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefensiveRejectionPosteriorTest {
    @Test
    void aConjugateLogNormalPosteriorIsRecovered() {
        // log θ ~ N(0, 1), y | θ ~ N(log θ, 0.3²): log θ | y ~ N(y/(1 + 0.09), 0.09/1.09).
        LogNormalPrior prior = new LogNormalPrior(new double[] {0}, new double[] {1});
        LogLikelihood ll = (theta, x) -> {
            double r = (x[0] - Math.log(theta[0])) / 0.3;
            return -0.5 * r * r;
        };
        var sampler = new DefensiveRejectionPosterior(prior, ll, List.of("theta"),
                new DefensiveRejectionPosterior.Settings(2000, 2, 2, true));
        var run = sampler.run(new double[] {1.2}, 20_000, Rng.seeded(5));
        double sum = 0;
        double sumSq = 0;
        Samples s = run.samples();
        for (int i = 0; i < s.size(); i++) {
            double l = Math.log(s.get(i, 0));
            sum += l;
            sumSq += l * l;
        }
        double mean = sum / s.size();
        assertThat(mean).isCloseTo(1.2 / 1.09, within(0.01));
        assertThat(sumSq / s.size() - mean * mean).isCloseTo(0.09 / 1.09, within(0.003));
        assertThat(run.acceptanceRate()).isGreaterThan(0.2);
    }

    @Test
    void aBimodalPosteriorInABoxKeepsBothModesInProportion() {
        // θ ~ U(−3, 3), likelihood 0.3·N(−1.5, 0.2²) + 0.7·N(1.5, 0.2²) in θ.
        UniformBoxPrior prior = UniformBoxPrior.cube(1, -3, 3);
        LogLikelihood ll = (theta, x) -> Math.log(0.3 * Math.exp(-0.5 * Math.pow((theta[0] + 1.5) / 0.2, 2))
                + 0.7 * Math.exp(-0.5 * Math.pow((theta[0] - 1.5) / 0.2, 2)));
        var sampler = new DefensiveRejectionPosterior(prior, ll, List.of("theta"),
                new DefensiveRejectionPosterior.Settings(2000, 4, 1, false));
        Samples s = sampler.sample(new double[0], 20_000, Rng.seeded(6));
        int right = 0;
        for (int i = 0; i < s.size(); i++) {
            right += s.get(i, 0) > 0 ? 1 : 0;
        }
        assertThat(right / 20_000.0).isCloseTo(0.7, within(0.015));
        assertThat(sampler.sample(new double[0], 100, Rng.seeded(6)).toArray())
                .isDeepEqualTo(sampler.sample(new double[0], 100, Rng.seeded(6)).toArray());
    }

    @Test
    void anEvaluationBudgetEndsTheRunWithAnErrorSayingHowFarItGot() {
        UniformBoxPrior prior = UniformBoxPrior.cube(1, -3, 3);
        LogLikelihood ll = (theta, x) -> -0.5 * Math.pow(theta[0] / 0.2, 2);
        var sampler = new DefensiveRejectionPosterior(prior, ll, List.of("theta"),
                new DefensiveRejectionPosterior.Settings(2000, 2, 1, false));
        Samples enough = sampler.run(new double[0], 500, Rng.seeded(2), 1_000_000).samples();
        assertThat(enough.toArray()).as("a budget that suffices changes nothing")
                .isDeepEqualTo(sampler.run(new double[0], 500, Rng.seeded(2)).samples().toArray());
        // the fit alone spends more than 2,000 evaluations, so rejection gives up before its first batch
        assertThatThrownBy(() -> sampler.run(new double[0], 500, Rng.seeded(2), 2_000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exact rejection ran out of its budget of 2,000 likelihood evaluations")
                .hasMessageContaining("0 of 500 draws accepted");
        assertThatThrownBy(() -> sampler.run(new double[0], 500, Rng.seeded(2), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEvaluations must be >= 1");
    }

    @Test
    void aModeTheTemperedFitLostIsCoveredAndKeptInProportion() {
        // Three narrow modes (sd 0.1) in a 5-D box with weights 0.6, 0.3, 0.1, fitted with two components: the
        // tempered fit keeps two modes, the third is found only by early draws, and the cover stage refits to them.
        int d = 5;
        double[] weights = {0.6, 0.3, 0.1};
        double[][] centres = new double[3][d];
        for (int j = 0; j < d; j++) {
            centres[0][j] = 2;
            centres[1][j] = -2;
            centres[2][j] = j % 2 == 0 ? 2 : -2;
        }
        LogLikelihood ll = (theta, x) -> {
            double sum = 0;
            for (int m = 0; m < 3; m++) {
                double quad = 0;
                for (int j = 0; j < d; j++) {
                    double r = (theta[j] - centres[m][j]) / 0.1;
                    quad += r * r;
                }
                sum += weights[m] * Math.exp(-0.5 * quad);
            }
            return Math.log(sum);
        };
        var sampler = new DefensiveRejectionPosterior(UniformBoxPrior.cube(d, -4, 4), ll, List.of("a", "b", "c", "d",
                "e"), new DefensiveRejectionPosterior.Settings(2000, 2, 1, false));
        var run = sampler.run(new double[0], 10_000, Rng.seeded(1));
        int[] counts = new int[3];
        Samples s = run.samples();
        for (int i = 0; i < s.size(); i++) {
            counts[s.get(i, 0) < 0 ? 1 : s.get(i, 1) > 0 ? 0 : 2]++;
        }
        assertThat(run.coveringRounds()).isPositive();
        assertThat(run.acceptanceRate()).isGreaterThan(1e-3);
        assertThat(counts[0] / 10_000.0).isCloseTo(0.6, within(0.02));
        assertThat(counts[1] / 10_000.0).isCloseTo(0.3, within(0.02));
        assertThat(counts[2] / 10_000.0).isCloseTo(0.1, within(0.015));
    }

    @Test
    void aTargetEvenInACoordinateIsFittedWithItsMirrorImages() {
        // θ ∈ (−3, 3)², likelihood N(θ₀²; 2.25, 0.1²)·N(θ₁; 0.5, 0.3²): modes at θ₀ = ±1.5 of equal mass.
        LogLikelihood ll = (theta, x) -> -0.5 * Math.pow((theta[0] * theta[0] - 2.25) / 0.1, 2)
                - 0.5 * Math.pow((theta[1] - 0.5) / 0.3, 2);
        var settings = new DefensiveRejectionPosterior.Settings(2000, 2, 1, false).mirroredIn(0);
        var sampler = new DefensiveRejectionPosterior(UniformBoxPrior.cube(2, -3, 3), ll, List.of("a", "b"), settings);
        var run = sampler.run(new double[0], 20_000, Rng.seeded(2));
        int positive = 0;
        for (int i = 0; i < run.samples().size(); i++) {
            positive += run.samples().get(i, 0) > 0 ? 1 : 0;
        }
        assertThat(positive / 20_000.0).isCloseTo(0.5, within(0.015));
        assertThat(run.acceptanceRate()).isGreaterThan(0.2);
        assertThat(settings.mirrored()).containsExactly(0);
        assertThatThrownBy(() -> new DefensiveRejectionPosterior(UniformBoxPrior.cube(2, -3, 3), ll, List.of("a", "b"),
                new DefensiveRejectionPosterior.Settings(2000, 2, 1, false).mirroredIn(2)))
                .hasMessageContaining("mirrored coordinate 2 is outside a prior of dimension 2");
        assertThatThrownBy(() -> new DefensiveRejectionPosterior.Settings(2000, 2, 1, false).mirroredIn(-1))
                .hasMessageContaining("mirrored coordinates");
    }
}
