package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowDensityChunksTest {
    @Test
    void chunkedEvaluationKeepsEveryRowInItsPlace() {
        int n = 2 * FlowDensity.CHUNK + 77;
        double[][] z = new double[n][];
        double[][] c = new double[n][];
        for (int r = 0; r < n; r++) {
            z[r] = new double[] {r, -r};
            c[r] = new double[] {0.5 * r};
        }
        double[] out = FlowDensity.inChunks(z, c, (zs, cs) -> {
            double[] v = new double[zs.length];
            for (int r = 0; r < zs.length; r++) {
                v[r] = zs[r][0] + zs[r][1] + cs[r][0];
            }
            return v;
        });
        for (int r = 0; r < n; r++) {
            assertThat(out[r]).isEqualTo(0.5 * r);
        }
    }
}
