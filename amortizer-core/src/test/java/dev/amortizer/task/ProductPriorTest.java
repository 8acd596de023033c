package dev.amortizer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductPriorTest {
    private final Prior normal = new DiagonalNormalPrior(new double[] {1, -1}, new double[] {2, 0.5});
    private final Prior uniform = new UniformBoxPrior(new Support(new double[] {0}, new double[] {4}));
    private final ProductPrior prior = new ProductPrior(3, List.of(
            new ProductPrior.Block(normal, new int[] {2, 0}), new ProductPrior.Block(uniform, new int[] {1})));

    @Test
    void densityIsTheSumOfTheBlocksOnTheirCoordinates() {
        double[] theta = {-0.7, 3, 0.4};
        assertThat(prior.logDensity(theta)).isCloseTo(normal.logDensity(new double[] {0.4, -0.7}) - Math.log(4),
                within(1e-12));
        assertThat(prior.logDensity(new double[] {0, 5, 0})).isEqualTo(Double.NEGATIVE_INFINITY);
        double[] grad = new double[3];
        double[] g = new double[2];
        prior.logDensityAndGradient(theta, grad);
        normal.logDensityAndGradient(new double[] {0.4, -0.7}, g);
        assertThat(grad).containsExactly(g[1], 0, g[0]);
    }

    @Test
    void drawsPutEachBlockOnItsCoordinatesAndTheSupportFollows() {
        double[][] draws = prior.sample(20_000, Rng.seeded(1));
        double mean0 = 0;
        double max1 = 0;
        double mean2 = 0;
        for (double[] d : draws) {
            mean0 += d[0] / draws.length;
            mean2 += d[2] / draws.length;
            max1 = Math.max(max1, d[1]);
        }
        assertThat(mean0).isCloseTo(-1, within(0.02)); // the normal's second coordinate: N(-1, 0.5²)
        assertThat(mean2).isCloseTo(1, within(0.06)); // its first: N(1, 2²)
        assertThat(max1).isBetween(3.9, 4.0);
        assertThat(prior.support().lower()).containsExactly(Double.NEGATIVE_INFINITY, 0, Double.NEGATIVE_INFINITY);
        assertThat(prior.support().upper()).containsExactly(Double.POSITIVE_INFINITY, 4, Double.POSITIVE_INFINITY);
    }

    @Test
    void refusesBlocksThatDoNotPartitionTheCoordinates() {
        assertThatThrownBy(() -> new ProductPrior(3, List.of(new ProductPrior.Block(normal, new int[] {0, 1}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coordinate 2 is in no block");
        assertThatThrownBy(() -> new ProductPrior(2, List.of(new ProductPrior.Block(normal, new int[] {0, 1}),
                new ProductPrior.Block(uniform, new int[] {1}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in an earlier block");
        assertThatThrownBy(() -> new ProductPrior.Block(normal, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 coordinates for a prior of dimension 2");
    }
}
