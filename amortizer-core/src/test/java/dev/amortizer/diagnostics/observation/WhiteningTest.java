package dev.amortizer.diagnostics.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class WhiteningTest {
    @Test
    void whitenedRowsHaveIdentityCovariance() {
        Rng rng = Rng.seeded(1);
        double[][] rows = new double[2000][3];
        for (double[] r : rows) {
            double a = rng.nextGaussian();
            r[0] = 5 + 3 * a;
            r[1] = -2 + 2 * a + 0.1 * rng.nextGaussian(); // strongly correlated with r[0]
            r[2] = 7;                                   // constant: the ridge keeps it finite
        }
        Whitening w = new Whitening(rows);
        double[][] cov = new double[2][2];
        for (double[] r : rows) {
            double[] z = w.apply(r);
            assertThat(z[2]).isFinite();
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 2; k++) {
                    cov[i][k] += z[i] * z[k] / (rows.length - 1);
                }
            }
        }
        assertThat(cov[0][0]).isCloseTo(1, within(1e-3));
        assertThat(cov[1][1]).isCloseTo(1, within(1e-3));
        assertThat(cov[0][1]).isCloseTo(0, within(1e-3));
        // a step against the correlation is many whitened units, though small in the coordinate's own units
        double[] off = w.apply(new double[] {5, -2 + 0.5, 7});
        assertThat(Math.abs(off[1])).isGreaterThan(4);
    }
}
