package dev.amortizer.bijection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import dev.amortizer.task.FiniteDifferences;
import dev.amortizer.task.Support;
import org.junit.jupiter.api.Test;

class BijectionTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private final Bijection b = Bijection.forSupport(new Support(
            new double[] {-3, 0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
            new double[] {3, INF, 2, INF}));

    @Test
    void choosesLogisticLogAndIdentityByWhichBoundsAreFinite() {
        assertThat(b.maps()).extracting(CoordinateMap::kind).containsExactly(
                CoordinateMap.Kind.INTERVAL, CoordinateMap.Kind.LOWER, CoordinateMap.Kind.UPPER,
                CoordinateMap.Kind.IDENTITY);
        assertThat(Bijection.identity(3).isIdentity()).isTrue();
    }

    @Test
    void inverseUndoesForwardAndLandsInsideTheSupport() {
        Rng rng = Rng.seeded(1);
        for (int t = 0; t < 1000; t++) {
            double[] u = new double[4];
            for (int i = 0; i < 4; i++) {
                u[i] = 6 * rng.nextGaussian();
            }
            double[] theta = b.forward(u);
            assertThat(theta[0]).isBetween(-3.0, 3.0);
            assertThat(theta[1]).isGreaterThanOrEqualTo(0);
            assertThat(theta[2]).isLessThanOrEqualTo(2);
            double[] back = b.inverse(theta);
            for (int i = 0; i < 4; i++) {
                if (Math.abs(u[i]) < 15) {
                    assertThat(back[i]).isCloseTo(u[i], within(1e-8 * Math.max(1, Math.abs(u[i]))));
                }
            }
        }
    }

    @Test
    void logDetMatchesANumericalJacobianAndItsSlopeMatchesNumericalDifferences() {
        double[] u = {0.4, -1.3, 0.7, 2.0};
        double[] theta = b.forward(u);
        double logDet = 0;
        for (int i = 0; i < 4; i++) {
            double h = 1e-6;
            double[] up = u.clone();
            double[] down = u.clone();
            up[i] += h;
            down[i] -= h;
            logDet += Math.log((b.forward(up)[i] - b.forward(down)[i]) / (2 * h));
        }
        assertThat(b.logAbsDetJacobian(u)).isCloseTo(logDet, within(1e-7));

        // Pull back the gradient of f(θ) = Σ θ_i² through T, with the log-det: compare to differences in u.
        double[] gradTheta = new double[4];
        for (int i = 0; i < 4; i++) {
            gradTheta[i] = 2 * theta[i];
        }
        double[] gradU = new double[4];
        b.pullBack(u, gradTheta, gradU);
        double[] numeric = new double[4];
        FiniteDifferences.gradient(v -> {
            double[] t = b.forward(v);
            double s = 0;
            for (double ti : t) {
                s += ti * ti;
            }
            return s + b.logAbsDetJacobian(v);
        }, u, numeric);
        assertThat(gradU).containsExactly(numeric, within(1e-5));
    }

    @Test
    void boundaryValuesMapToFiniteCoordinates() {
        double[] u = b.inverse(new double[] {3, 0, 2, 5});
        assertThat(java.util.Arrays.stream(u).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void rejectsAMismatchedDimensionOrInconsistentBounds() {
        assertThatThrownBy(() -> b.forward(new double[3])).hasMessageContaining("4 coordinates").hasMessageContaining("3");
        assertThatThrownBy(() -> new CoordinateMap(CoordinateMap.Kind.IDENTITY, 0, 1))
                .hasMessageContaining("INTERVAL");
    }
}
