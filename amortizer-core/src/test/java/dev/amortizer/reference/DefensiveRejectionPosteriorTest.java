package dev.amortizer.reference;

import static org.assertj.core.api.Assertions.assertThat;
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
}
