package dev.amortizer.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.training.TrainingSchedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NpeConfigTest {
    private static NpeConfig with(int k, List<Integer> hidden, int batch, double lr, int max, int patience,
                                  double validation, double clip) {
        return new NpeConfig(Estimator.MDN, k, hidden, HiddenActivation.TANH, null,
                new TrainingSchedule(batch, lr, max, patience, validation, clip, 0.5, 5), SupportHandling.TRUNCATION);
    }

    private static TrainingSchedule schedule(double decayFactor, int decayPatience) {
        return new TrainingSchedule(8, 1e-3, 10, 5, 0.1, 5, decayFactor, decayPatience);
    }

    @Test
    void theMdnsBatchGrowsWithTheBudgetInPowersOfTwoFrom32To512() {
        assertThat(NpeConfig.mdnDefaults().schedule().batchSize()).isEqualTo(NpeConfig.MDN_BATCH).isEqualTo(512);
        assertThat(NpeConfig.mdnBatchFor(1)).isEqualTo(32);
        assertThat(NpeConfig.mdnBatchFor(1_000)).isEqualTo(32);
        assertThat(NpeConfig.mdnBatchFor(8_191)).isEqualTo(32);
        assertThat(NpeConfig.mdnBatchFor(8_192)).isEqualTo(64);
        assertThat(NpeConfig.mdnBatchFor(10_000)).isEqualTo(64);
        assertThat(NpeConfig.mdnBatchFor(20_000)).isEqualTo(128);
        assertThat(NpeConfig.mdnBatchFor(65_535)).isEqualTo(256);
        assertThat(NpeConfig.mdnBatchFor(65_536)).isEqualTo(512);
        assertThat(NpeConfig.mdnBatchFor(Integer.MAX_VALUE)).isEqualTo(512);
        assertThatThrownBy(() -> NpeConfig.mdnBatchFor(0)).hasMessageContaining("got 0");
    }

    @Test
    void theDefaultEstimatorIsTheMdnUpToThreeParametersAndTheSplineFlowAbove() {
        assertThat(NpeConfig.defaultsFor(1).estimator()).isEqualTo(Estimator.MDN);
        assertThat(NpeConfig.defaultsFor(3).estimator()).isEqualTo(Estimator.MDN);
        assertThat(NpeConfig.defaultsFor(4).estimator()).isEqualTo(Estimator.NSF);
        assertThat(NpeConfig.defaultsFor(10)).isEqualTo(NpeConfig.defaults(Estimator.NSF));
        assertThatThrownBy(() -> NpeConfig.defaultsFor(0)).hasMessageContaining("parameterDim");
    }

    @Test
    void defaultsAreValid() {
        NpeConfig d = NpeConfig.defaults();
        assertThat(d.components()).isGreaterThanOrEqualTo(1);
        assertThat(d.withComponents(3).components()).isEqualTo(3);
        assertThat(d.withEpochs(10, 5).schedule().maxEpochs()).isEqualTo(10);
    }

    @Test
    void rejectsOutOfRangeValuesNamingThem() {
        List<Integer> h = List.of(8);
        assertThatThrownBy(() -> with(0, h, 8, 1e-3, 10, 5, 0.1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components").hasMessageContaining("got 0");
        assertThatThrownBy(() -> with(2, List.of(), 8, 1e-3, 10, 5, 0.1, 5)).hasMessageContaining("hiddenWidths");
        assertThatThrownBy(() -> with(2, List.of(8, 0), 8, 1e-3, 10, 5, 0.1, 5)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> with(2, h, 0, 1e-3, 10, 5, 0.1, 5)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> with(2, h, 8, 0, 10, 5, 0.1, 5)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> with(2, h, 8, Double.NaN, 10, 5, 0.1, 5)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> with(2, h, 8, 1e-3, 0, 1, 0.1, 5)).hasMessageContaining("maxEpochs");
        assertThatThrownBy(() -> with(2, h, 8, 1e-3, 10, 0, 0.1, 5)).hasMessageContaining("patience")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> with(2, h, 8, 1e-3, 10, 5, 0.6, 5)).hasMessageContaining("validationFraction");
        assertThatThrownBy(() -> with(2, h, 8, 1e-3, 10, 5, 0.1, 0)).hasMessageContaining("gradientClip");
        assertThatThrownBy(() -> new NpeConfig(Estimator.MDN, 2, h, null, null, schedule(0.5, 5),
                SupportHandling.TRUNCATION))
                .hasMessageContaining("activation");
        assertThatThrownBy(() -> new NpeConfig(Estimator.MDN, 2, h, HiddenActivation.TANH, null,
                schedule(1.5, 5), SupportHandling.TRUNCATION))
                .hasMessageContaining("decayFactor");
        assertThatThrownBy(() -> new NpeConfig(Estimator.MDN, 2, h, HiddenActivation.TANH, null,
                schedule(0.5, 0), SupportHandling.TRUNCATION))
                .hasMessageContaining("decayPatience");
        // model files of format 1 lack both; their reader fills them in, so the record needs no default
        assertThatThrownBy(() -> new NpeConfig(null, 2, h, HiddenActivation.TANH, null,
                schedule(0.5, 5), SupportHandling.TRUNCATION))
                .hasMessageContaining("estimator");
        assertThatThrownBy(() -> new NpeConfig(Estimator.MDN, 2, h, HiddenActivation.TANH, null,
                schedule(0.5, 5), null))
                .hasMessageContaining("support");
    }

    @Test
    void copiesTheWidthList() {
        var widths = new ArrayList<>(List.of(8, 8));
        NpeConfig c = with(2, widths, 8, 1e-3, 10, 5, 0.1, 5);
        widths.add(3);
        assertThat(c.hiddenWidths()).containsExactly(8, 8);
    }
}
