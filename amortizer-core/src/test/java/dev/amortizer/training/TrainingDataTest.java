package dev.amortizer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one data preparation: non-finite pairs dropped and counted, a seeded split, scores of the training rows. */
class TrainingDataTest {
    private static TrainingSimulations pairs(int n) {
        Rng rng = Rng.seeded(3);
        double[][] theta = new double[n][];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            theta[i] = new double[] {rng.nextGaussian() * 2 + 1};
            x[i] = new double[] {theta[i][0] + rng.nextGaussian(), i};
        }
        x[4][0] = Double.NaN;
        theta[7][0] = Double.POSITIVE_INFINITY;
        return new TrainingSimulations(theta, x);
    }

    @Test
    void dropsNonFinitePairsAndHoldsOutTheShareAsked() {
        TrainingData d = TrainingData.prepare(pairs(100), 0.1, Rng.seeded(1));
        assertThat(d.dropped()).isEqualTo(2);
        assertThat(d.keptRows()).isEqualTo(98);
        assertThat(d.heldOut()).hasSize(10);
        assertThat(d.theta()[4]).isNull();
        assertThat(d.x()[7]).isNull();
        int[] all = IntStream.concat(Arrays.stream(d.training()), Arrays.stream(d.heldOut())).sorted().toArray();
        assertThat(all).doesNotContain(4, 7).hasSize(98).doesNotHaveDuplicates();
    }

    @Test
    void theScoresComeFromTheTrainingRowsOnly() {
        TrainingSimulations sims = pairs(100);
        TrainingData d = TrainingData.prepare(sims, 0.2, Rng.seeded(1));
        double mean = Arrays.stream(d.training()).mapToDouble(i -> sims.theta()[i][0]).average().orElseThrow();
        assertThat(d.standardization().thetaMean()[0]).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
        double trainingMean = Arrays.stream(d.training()).mapToDouble(i -> d.theta()[i][0]).average().orElseThrow();
        assertThat(trainingMean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theRowsMomentsAreReadOnTheLogScaleOnlyWhereTheyCannotGoNegative() {
        // three rows of two positive values spread over decades; the support lets each row's first value go to -1
        Rng rng = Rng.seeded(4);
        int n = 2_000;
        double[][] theta = new double[n][];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            theta[i] = new double[] {rng.nextGaussian()};
            x[i] = new double[6];
            for (int k = 0; k < 6; k++) {
                x[i][k] = Math.exp(theta[i][0] + 2 * rng.nextGaussian());
            }
        }
        double[] lower = {-1, 0, -1, 0, -1, 0};
        double[] upper = new double[6];
        Arrays.fill(upper, 1e12);
        var support = dev.amortizer.task.DataSupport.of(lower, upper, new boolean[6], new boolean[6]);
        TrainingSimulations columns = new TrainingSimulations(theta, x).withRowsInCanonicalOrder(2).withRowMoments(2);
        TrainingData d = TrainingData.prepare(columns, 0.1, Rng.seeded(1)).sortingRows(2, true).logScaled(support);
        // x's columns 2, 4, 6; the mean of the rows' second column (7); the two variances (8, 10); never the mean of
        // the first column (6, signed by the support) nor the covariance (9)
        assertThat(d.standardization().loggedX()).containsExactly(1, 3, 5, 7, 8, 10);
    }

    @Test
    void theSameGeneratorGivesTheSameSplit() {
        TrainingData a = TrainingData.prepare(pairs(50), 0.1, Rng.seeded(9));
        TrainingData b = TrainingData.prepare(pairs(50), 0.1, Rng.seeded(9));
        TrainingData c = TrainingData.prepare(pairs(50), 0.1, Rng.seeded(10));
        assertThat(b.heldOut()).isEqualTo(a.heldOut());
        assertThat(c.heldOut()).isNotEqualTo(a.heldOut());
    }

    @Test
    void aThetaMapAppliesBeforeScoringAndXMayStayUnscaled() {
        TrainingSimulations sims = pairs(40);
        TrainingData d = TrainingData.prepare(sims, 0.1, InvalidSimulations.DROP, t -> new double[] {2 * t[0]}, false,
                Rng.seeded(2));
        int row = d.training()[0];
        assertThat(d.x()[row]).containsExactly(sims.x()[row]);
        assertThat(d.standardization().thetaSd()[0]).isGreaterThan(2.0); // twice the sd of θ itself, which is about 2
    }

    @Test
    void failRefusesNamingTheFirstDroppedPairAndTooFewPairsAreRefused() {
        assertThatThrownBy(() -> TrainingData.prepare(pairs(20), 0.1, InvalidSimulations.FAIL, t -> t, true,
                Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 of 20 simulations").hasMessageContaining("the first is pair 5");
        double[][] theta = {{1}, {2}, {3}};
        double[][] x = {{Double.NaN}, {1}, {Double.NaN}};
        assertThatThrownBy(() -> TrainingData.prepare(new TrainingSimulations(theta, x), 0.1, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need at least 2 pairs")
                .hasMessageContaining("2 of 3 dropped");
    }
}
