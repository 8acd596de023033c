package dev.amortizer.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.nn.Backends;
import dev.amortizer.nn.ComputeBackend;
import dev.amortizer.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flow's weights are plain arrays whatever backend trained them: one trained under a backend saves, loads and
 * samples under the other, giving the same draws and densities up to the rounding of the products.
 */
class FlowAcrossBackendsTest {
    @ParameterizedTest
    @EnumSource(value = ComputeBackend.class, names = {"JAVA", "ND4J"})
    void aFlowTrainedUnderOneBackendLoadsAndSamplesUnderTheOther(ComputeBackend training) {
        ComputeBackend other = training == ComputeBackend.JAVA ? ComputeBackend.ND4J : ComputeBackend.JAVA;
        FlowConfig config = FlowConfig.defaults(FlowType.NSF);
        Rng rng = Rng.seeded(21);
        double[][] theta = new double[300][2];
        double[][] x = new double[300][2];
        for (int r = 0; r < theta.length; r++) {
            theta[r][0] = rng.nextGaussian();
            theta[r][1] = rng.nextGaussian();
            x[r][0] = theta[r][0] + 0.1 * rng.nextGaussian();
            x[r][1] = theta[r][0] * theta[r][1] + 0.1 * rng.nextGaussian();
        }
        byte[] saved = Backends.under(training, () -> {
            ConditionalFlow flow = ConditionalFlow.create(config, 2, 2, Rng.seeded(22));
            AdamOptimizer adam = new AdamOptimizer(flow.parameters(), 1e-3, 5);
            for (int step = 0; step < 5; step++) {
                double[][] grads = flow.newGradients();
                flow.lossAndGradient(theta, x, 0, theta.length, 1.0 / theta.length, grads);
                adam.step(flow.parameters(), grads);
            }
            return flow.parameterBytes();
        });
        ConditionalFlow loaded = ConditionalFlow.restore(config, 2, 2, saved);
        assertThat(loaded.parameterBytes()).isEqualTo(saved);
        double[][] there = Backends.under(training, () -> loaded.sample(x, Rng.seeded(23)));
        double[][] here = Backends.under(other, () -> loaded.sample(x, Rng.seeded(23)));
        double[] densityThere = Backends.under(training, () -> loaded.logProb(theta, x));
        double[] densityHere = Backends.under(other, () -> loaded.logProb(theta, x));
        for (int r = 0; r < x.length; r++) {
            assertThat(here[r]).containsExactly(there[r], within(1e-9));
            assertThat(densityHere[r]).isCloseTo(densityThere[r], within(1e-9));
            assertThat(Double.isFinite(here[r][0]) && Double.isFinite(here[r][1])).isTrue();
        }
    }
}
