package dev.amortizer.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.random.Rng;
import dev.amortizer.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class C2stTest {
    /** n draws of N(mean, I) in d dimensions. */
    private static Samples normal(int n, int d, double[] mean, Rng rng) {
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = mean[j] + rng.nextGaussian();
            }
        }
        return Samples.of(Samples.defaultNames("parameter", d), rows);
    }

    @Test
    void twoDrawsOfTheSameDistributionAreIndistinguishable() {
        Rng rng = Rng.seeded(11);
        Samples x = normal(10_000, 2, new double[] {0, 0}, rng);
        Samples y = normal(10_000, 2, new double[] {0, 0}, rng);

        C2stResult result = C2st.run(x, y, 1, C2stOptions.defaults());

        assertThat(result.accuracy()).isCloseTo(0.5, within(0.02));
        assertThat(result.rows()).isEqualTo(10_000);
        assertThat(result.foldAccuracies()).hasSize(5);
        assertThat(result.foldEpochs()).hasSize(5).allSatisfy(e -> assertThat(e).isBetween(1, 10_000));
    }

    @Test
    void aShiftOfOneSdInOneCoordinateIsDetected() {
        Rng rng = Rng.seeded(12);
        Samples x = normal(10_000, 2, new double[] {0, 0}, rng);
        Samples y = normal(10_000, 2, new double[] {1, 0}, rng);

        // The Bayes-optimal accuracy is Φ(1/2) ≈ 0.69.
        assertThat(C2st.score(x, y, 1)).isGreaterThanOrEqualTo(0.65);
    }

    @Test
    void twoMoonsPosteriorsOfDifferentObservationsAreSeparable() {
        Samples obs1 = sbibm().reference("two_moons", 1);
        Samples obs2 = sbibm().reference("two_moons", 2);

        assertThat(C2st.score(obs1, obs2, 1)).isGreaterThan(0.95);
    }

    @Test
    @Tag("slow")
    void exactDrawsOfATenDimensionalPosteriorAreIndistinguishable() {
        // sbibm's gaussian_linear: prior N(0, 0.1 I), likelihood N(θ, 0.1 I), so the posterior
        // is N(x_o / 2, 0.05 I). About a minute or two on 2 cores: the classifier overfits for
        // hundreds of epochs before the loss stops improving.
        Samples reference = sbibm().reference("gaussian_linear", 1);
        double[] observation = sbibm().observation("gaussian_linear", 1);
        Rng rng = Rng.seeded(18);
        double[][] rows = new double[10_000][10];
        for (double[] row : rows) {
            for (int j = 0; j < 10; j++) {
                row[j] = rng.nextGaussian(observation[j] / 2, Math.sqrt(0.05));
            }
        }
        Samples exact = Samples.of(reference.names(), rows);

        assertThat(C2st.score(reference, exact, 1)).isCloseTo(0.5, within(0.03));
    }

    @Test
    void theSameSeedGivesTheSameResultForAnyThreadCount() {
        Rng rng = Rng.seeded(13);
        Samples x = normal(2_000, 2, new double[] {0, 0}, rng);
        Samples y = normal(2_000, 2, new double[] {0.5, 0}, rng);
        // The epoch cap keeps this quick; it is also a path the result must not depend on threads in.
        C2stOptions options = C2stOptions.defaults().withMaxEpochs(40);

        C2stResult one = C2st.run(x, y, 7, options.withThreads(1));
        C2stResult two = C2st.run(x, y, 7, options.withThreads(2));
        C2stResult again = C2st.run(x, y, 7, options.withThreads(2));

        assertThat(one.foldEpochs()).contains(40);
        assertThat(two.accuracy()).isEqualTo(one.accuracy());
        assertThat(two.foldAccuracies()).isEqualTo(one.foldAccuracies());
        assertThat(two.foldEpochs()).isEqualTo(one.foldEpochs());
        assertThat(again.foldAccuracies()).isEqualTo(two.foldAccuracies());
    }

    @Test
    void scoringTheFirstFoldsOnlyGivesThoseFoldsOfTheFullRun() {
        Rng rng = Rng.seeded(21);
        Samples x = normal(1_000, 2, new double[] {0, 0}, rng);
        Samples y = normal(1_000, 2, new double[] {0.4, 0}, rng);
        C2stOptions options = C2stOptions.defaults().withMaxEpochs(60);

        C2stResult full = C2st.run(x, y, 5, options);
        C2stResult first = C2st.run(x, y, 5, options.withScored(1));
        C2stResult two = C2st.run(x, y, 5, options.withScored(2).withThreads(1));

        assertThat(first.foldAccuracies()).containsExactly(full.foldAccuracies().get(0));
        assertThat(first.accuracy()).isEqualTo(full.foldAccuracies().get(0));
        assertThat(two.foldAccuracies()).isEqualTo(full.foldAccuracies().subList(0, 2));
        assertThat(two.foldEpochs()).isEqualTo(full.foldEpochs().subList(0, 2));
        assertThat(two.accuracy()).isCloseTo((full.foldAccuracies().get(0) + full.foldAccuracies().get(1)) / 2,
                within(1e-15));
    }

    @Test
    void equalSizedSetsAreUsedWholeAndLargerOnesSubsampledWithTheSeed() {
        Rng rng = Rng.seeded(14);
        Samples x = normal(600, 2, new double[] {0, 0}, rng);
        Samples y = normal(900, 2, new double[] {0, 0}, rng);
        C2stOptions options = new C2stOptions(5, 2, 10_000, 500);

        C2stResult full = C2st.run(x, y, 3, options);
        C2stResult again = C2st.run(x, y, 3, options);
        C2stResult heads = C2st.run(x.head(500), y.head(500), 3, options);

        assertThat(full.rows()).isEqualTo(500);
        assertThat(again.foldAccuracies()).isEqualTo(full.foldAccuracies());
        // Not the first 500 rows any more: those gave exactly the heads' accuracies.
        assertThat(full.foldAccuracies()).isNotEqualTo(heads.foldAccuracies());
        assertThat(C2st.rowsUsed(600, 900, options)).isEqualTo(500);
    }

    @Test
    void aChainOrderedFileIsNotJudgedByItsFirstRows() {
        // X: 500 burn-in draws of N(3, 1) followed by 1,500 of N(0, 1); Y: 500 of N(0, 1). The first 500 rows of
        // X are all burn-in (an accuracy near 0.93); a random 500 hold a quarter of it.
        Rng rng = Rng.seeded(19);
        double[][] xs = new double[2_000][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = new double[] {(i < 500 ? 3 : 0) + rng.nextGaussian(), rng.nextGaussian()};
        }
        Samples x = Samples.of(Samples.defaultNames("parameter", 2), xs);
        Samples y = normal(500, 2, new double[] {0, 0}, rng);
        C2stOptions options = C2stOptions.defaults().withMaxEpochs(100);

        assertThat(C2st.run(x.head(500), y, 1, options).accuracy()).isGreaterThan(0.85);
        assertThat(C2st.run(x, y, 1, options).accuracy()).isLessThan(0.75);
    }

    @Test
    void valuesWhoseStandardisationOverflowsAreRefusedNotScoredAsIndistinguishable() {
        // 500 rows of ±1e308: the mean is finite but the SD overflows, which once turned every z-score into 0
        // and printed 0.5.
        double[][] huge = new double[500][];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = new double[] {i % 2 == 0 ? 1e308 : -1e308};
        }
        Samples x = Samples.of(Samples.defaultNames("parameter", 1), huge);
        Samples y = normal(500, 1, new double[1], Rng.seeded(20));

        assertThatThrownBy(() -> C2st.run(x, "ref.csv", y, "other.csv", 1, C2stOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ref.csv, column 1 (parameter_1)").hasMessageContaining("overflows");
        // A reference of tiny spread against a huge other value: the z-score itself overflows.
        double[][] tiny = new double[20][];
        double[][] far = new double[20][];
        for (int i = 0; i < 20; i++) {
            tiny[i] = new double[] {1e-10 * i};
            far[i] = new double[] {i == 7 ? 1e308 : 0};
        }
        assertThatThrownBy(() -> C2st.run(Samples.of(List.of("a"), tiny), "ref.csv", Samples.of(List.of("a"), far),
                "other.csv", 1, C2stOptions.defaults()))
                .hasMessageContaining("other.csv, column 1 (a): value 1.0E308 overflows");
    }

    @Test
    void rejectsSamplesOfDifferentDimensions() {
        Rng rng = Rng.seeded(15);
        Samples x = normal(100, 2, new double[2], rng);
        Samples y = normal(100, 3, new double[3], rng);

        assertThatThrownBy(() -> C2st.score(x, y, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 columns")
                .hasMessageContaining("3");
    }

    @Test
    void rejectsFewerThanTenRows() {
        Rng rng = Rng.seeded(16);
        Samples x = normal(9, 2, new double[2], rng);
        Samples y = normal(100, 2, new double[2], rng);

        assertThatThrownBy(() -> C2st.score(x, y, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10 rows")
                .hasMessageContaining("9 reference");
    }

    @Test
    void rejectsNonFiniteValues() {
        Samples x = Samples.of(Samples.defaultNames("parameter", 1), column(10, Double.NaN));
        Samples y = Samples.of(Samples.defaultNames("parameter", 1), column(10, 0));

        assertThatThrownBy(() -> C2st.score(x, y, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite");
    }

    @Test
    void aConstantReferenceColumnIsOnlyCentred() {
        // Column 0 is 3 in X and 4 in Y: X's SD there is 0, so it is centred but not scaled, and
        // stays a perfect separator instead of turning into NaN.
        Rng rng = Rng.seeded(17);
        double[][] xs = new double[500][];
        double[][] ys = new double[500][];
        for (int i = 0; i < 500; i++) {
            xs[i] = new double[] {3.0, rng.nextGaussian()};
            ys[i] = new double[] {4.0, rng.nextGaussian()};
        }
        Samples x = Samples.of(Samples.defaultNames("parameter", 2), xs);
        Samples y = Samples.of(Samples.defaultNames("parameter", 2), ys);

        assertThat(C2st.score(x, y, 1)).isGreaterThan(0.95);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new C2stOptions(1, 2, 10, 100)).hasMessageContaining("folds must be >= 2, got 1");
        assertThatThrownBy(() -> new C2stOptions(5, 0, 10, 100)).hasMessageContaining("threads must be >= 1, got 0");
        assertThatThrownBy(() -> new C2stOptions(5, 2, 0, 100)).hasMessageContaining("maxEpochs must be >= 1, got 0");
        assertThatThrownBy(() -> new C2stOptions(5, 2, 10, 9)).hasMessageContaining("maxRows must be >= 10, got 9");
        assertThatThrownBy(() -> new C2stOptions(5, 2, 10, 100, 0)).hasMessageContaining("scored folds must be 1..5");
        assertThatThrownBy(() -> C2stOptions.defaults().withScored(6)).hasMessageContaining("got 6");
        assertThat(C2stOptions.defaults()).satisfies(o -> {
            assertThat(o.folds()).isEqualTo(5);
            assertThat(o.scored()).isEqualTo(5);
            assertThat(o.maxEpochs()).isEqualTo(10_000);
            assertThat(o.maxRows()).isEqualTo(10_000);
            assertThat(o.threads()).isBetween(1, 5);
        });
    }

    private static double[][] column(int n, double value) {
        double[][] rows = new double[n][1];
        for (double[] row : rows) {
            row[0] = value;
        }
        return rows;
    }

    /** sbibm's data, read in place (see {@link TestData#sbibm()}). */
    private static SbibmData sbibm() {
        return TestData.sbibm();
    }
}
