package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.data.SbibmData;
import dev.amortizer.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The constants the project regenerates (numpy seed 42) equal sbibm's stored ones in ../shared/sbibm/_aux. */
class SbibmConstantsTest {
    private static Path aux;

    @BeforeAll
    static void locate() {
        aux = TestData.sbibm().root().resolve("_aux");
    }

    @Test
    void stimulusAndDesignMatrixMatchBitForBit() throws IOException {
        Samples stimulus = SamplesCsv.read(aux.resolve("bernoulli_glm/stimulus.csv.gz"));
        double[] ours = BernoulliGlmDesign.stimulus();
        for (int t = 0; t < 100; t++) {
            assertThat(ours[t]).as("I_%d", t).isEqualTo(stimulus.get(t, 1));
        }
        Samples design = SamplesCsv.read(aux.resolve("bernoulli_glm/design_matrix.csv.gz"));
        double[][] x = BernoulliGlmDesign.matrix();
        for (int t = 0; t < 100; t++) {
            for (int j = 0; j < 10; j++) {
                assertThat(x[t][j]).as("X[%d,%d]", t, j).isEqualTo(design.get(t, j));
            }
        }
    }

    @Test
    void priorPrecisionHasTheStatedEntriesAndMarginalSds() {
        double[][] b = BernoulliGlmDesign.priorPrecision();
        assertThat(b[0][0]).isEqualTo(0.5);
        assertThat(b[1][1]).isCloseTo(6.0, within(1e-6));
        assertThat(b[1][2]).isCloseTo(-4.666667, within(1e-6));
        assertThat(b[9][9]).isCloseTo(3.774507, within(1e-6));
        assertThat(b[8][9]).isCloseTo(-3.885618, within(1e-6));
        double[][] cov = BernoulliGlmDesign.prior().covariance();
        double[] sds = {1.414, 1.000, 1.677, 1.830, 1.552, 1.216, 1.100, 1.069, 0.981, 0.880};
        for (int i = 0; i < 10; i++) {
            assertThat(Math.sqrt(cov[i][i])).as("prior SD %d", i + 1).isCloseTo(sds[i], within(6e-4));
        }
    }

    @Test
    void distractorMixtureAndPermutationMatchTheStoredFiles() throws IOException {
        DistractorMixture m = DistractorMixture.get();
        Samples loc = SamplesCsv.read(aux.resolve("slcp_distractors/gmm_loc.csv.gz"));
        for (int c = 0; c < 20; c++) {
            for (int i = 0; i < 92; i++) {
                assertThat(m.locations[c][i]).isCloseTo(loc.get(c, 1 + i), within(1e-12));
            }
        }
        Samples scale = SamplesCsv.read(aux.resolve("slcp_distractors/gmm_scale_tril.csv.gz"));
        for (int r = 0; r < scale.size(); r++) {
            int c = (int) scale.get(r, 0);
            int row = (int) scale.get(r, 1) - 1;
            for (int j = 0; j < 92; j++) {
                assertThat(m.scales[c][row][j]).as("L_%d[%d,%d]", c, row, j).isCloseTo(scale.get(r, 2 + j), within(1e-12));
            }
        }
        Samples perm = SamplesCsv.read(aux.resolve("slcp_distractors/permutation_idx.csv.gz"));
        for (int i = 0; i < 100; i++) {
            assertThat(m.permutation[(int) perm.get(i, 0)]).isEqualTo((int) perm.get(i, 1));
        }
        assertThat(new SlcpDistractors().informativeColumns()).containsExactly(22, 33, 23, 67, 42, 21, 16, 90);
    }

    @Test
    void distractorObservationsCarrySlcpsObservationsInTheirInformativeColumns() {
        SbibmData data = TestData.sbibm();
        SlcpDistractors task = new SlcpDistractors();
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            assertThat(task.informativePart(data.observation("slcp_distractors", k)))
                    .containsExactly(data.observation("slcp", k));
        }
    }

    @Test
    void bernoulliSummariesAreTheDesignTransposeTimesTheRawSeries() {
        SbibmData data = TestData.sbibm();
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            double[] summary = BernoulliGlmDesign.summary(data.observation("bernoulli_glm_raw", k));
            assertThat(summary).containsExactly(data.observation("bernoulli_glm", k), within(5e-6));
        }
    }
}
