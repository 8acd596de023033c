package dev.amortizer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which columns are read on the log scale, and how the standardisation reads them. */
class LogScaleTest {
    private static final int N = 2_000;
    private static final int[] ALL = IntStream.range(0, N).toArray();

    /**
     * Columns: log-normal over decades, positive but narrow around 100, signed normal, counts with zeros, log-normal
     * again (to be skipped as ignored), and a positive constant.
     */
    private static double[][] table() {
        Rng rng = Rng.seeded(21);
        double[][] x = new double[N][];
        for (int i = 0; i < N; i++) {
            x[i] = new double[] {Math.exp(1.5 * rng.nextGaussian()), 100 + rng.nextGaussian(), rng.nextGaussian(),
                Math.floor(Math.exp(rng.nextGaussian())), Math.exp(2 * rng.nextGaussian()), 3.0};
        }
        return x;
    }

    @Test
    void logsOnlyPositiveColumnsSpreadOverDecades() {
        double[][] x = table();
        assertThat(LogScale.columns(x, ALL, ALL, new int[0])).containsExactly(0, 4);
        assertThat(LogScale.columns(x, ALL, ALL, new int[] {4})).containsExactly(0);
        // in expectation ½ ln(e^{σ²} − 1) + σ²/2 − ln σ: 1.79 nats for σ = 1.5
        assertThat(LogScale.gain(x, ALL, 0)).isGreaterThan(1.0);
        assertThat(LogScale.gain(x, ALL, 1)).isBetween(-0.05, 0.05);
        assertThat(LogScale.gain(x, ALL, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aValueAtOrBelowZeroInAnyKeptRowKeepsTheColumnAsItIs() {
        double[][] x = table();
        x[N - 1][0] = 0;
        int[] fitted = IntStream.range(0, N - 1).toArray();
        assertThat(LogScale.columns(x, fitted, ALL, new int[0])).containsExactly(4);
        assertThat(LogScale.columns(x, fitted, fitted, new int[0])).containsExactly(0, 4);
    }

    @Test
    void theGainDoesNotDependOnTheUnit() {
        double[][] x = table();
        double[][] scaled = new double[N][];
        for (int i = 0; i < N; i++) {
            scaled[i] = new double[] {1e4 * x[i][0]};
        }
        assertThat(LogScale.gain(scaled, ALL, 0)).isCloseTo(LogScale.gain(x, ALL, 0), within(1e-9));
    }

    @Test
    void theStandardisationScoresTheLogAndRefusesWhatItCannotLog() {
        double[][] x = table();
        double[][] theta = new double[N][];
        for (int i = 0; i < N; i++) {
            theta[i] = new double[] {x[i][2]};
        }
        Standardization plain = Standardization.fit(theta, x, ALL);
        Standardization logged = plain.loggingX(new int[] {0, 4}, x, ALL);
        assertThat(logged.loggedX()).containsExactly(0, 4);
        double[][] logs = new double[N][];
        for (int i = 0; i < N; i++) {
            logs[i] = new double[] {Math.log(x[i][0]), 0, 0, 0, Math.log(x[i][4]), 0};
        }
        Standardization ofLogs = Standardization.fit(theta, logs, ALL);
        assertThat(logged.xMean()[0]).isEqualTo(ofLogs.xMean()[0]);
        assertThat(logged.xSd()[4]).isEqualTo(ofLogs.xSd()[4]);
        assertThat(logged.xMean()[1]).isEqualTo(plain.xMean()[1]);
        double[] row = {Math.E, 101, -0.5, 2, 1, 3};
        double[] z = logged.standardizeX(row);
        assertThat(z[0]).isCloseTo((1 - ofLogs.xMean()[0]) / ofLogs.xSd()[0], within(1e-12));
        assertThat(z[4]).isCloseTo(-ofLogs.xMean()[4] / ofLogs.xSd()[4], within(1e-12));
        assertThat(z[2]).isEqualTo(plain.standardizeX(row)[2]);

        assertThatThrownBy(() -> logged.standardizeX(new double[] {1, 101, 0, 2, -3, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x value 5 is -3.0").hasMessageContaining("log scale");
        // an ignored column is scored 0 whatever it holds, even where it is also logged
        assertThat(logged.ignoringX(new int[] {4}).standardizeX(new double[] {1, 101, 0, 2, -3, 3})[4]).isZero();
        assertThatThrownBy(() -> plain.loggingX(new int[] {2}, x, ALL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x column 3").hasMessageContaining("must be positive");
        assertThatThrownBy(() -> plain.loggingX(new int[] {6})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log-scale x columns [6]");
    }
}
