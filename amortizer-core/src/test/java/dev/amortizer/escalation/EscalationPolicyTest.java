package dev.amortizer.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.direct.MultiChainSampler;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        EscalationPolicy p = EscalationPolicy.defaults();
        assertThat(p.probeDraws()).isEqualTo(1_000);
        assertThat(p.amortisedMinEssShare()).isEqualTo(0.9);
        assertThat(p.amortisedMaxParetoK()).isEqualTo(0.5);
        assertThat(p.importanceDraws()).isEqualTo(10_000);
        assertThat(p.maxParetoK()).isEqualTo(0.7);
        assertThat(p.minEss()).isEqualTo(1_000);
        assertThat(p.minPredictedEssShare()).isEqualTo(0.5);
        assertThat(p.mcmcEvaluations()).isEqualTo(200_000);
        assertThat(p.mcmcChains()).isEqualTo(8);
        assertThat(p.mcmcKernel()).isEqualTo(MultiChainSampler.Kernel.SLICE);
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        EscalationPolicy p = EscalationPolicy.defaults();
        assertThatThrownBy(() -> p.withImportanceDraws(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("importanceDraws is 10");
        assertThatThrownBy(() -> p.withMcmcEvaluations(5)).hasMessageContaining("mcmcEvaluations is 5");
        assertThatThrownBy(() -> p.withMaxParetoK(Double.NaN)).hasMessageContaining("maxParetoK is NaN");
        assertThatThrownBy(() -> new EscalationPolicy(5, 0.9, 0.5, 10_000, 0.7, 1_000, 0.5, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("probeDraws is 5");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 1.5, 0.5, 10_000, 0.7, 1_000, 0.5, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("amortisedMinEssShare is 1.5");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 0.9, 0.9, 10_000, 0.7, 1_000, 0.5, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("amortisedMaxParetoK is 0.9");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 0.9, 0.5, 10_000, 0.7, 0, 0.5, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("minEss is 0");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 0.9, 0.5, 10_000, 0.7, 1_000, 0.5, 200_000, 8, 10,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("mcmcWarmup is 10");
        assertThatThrownBy(() -> p.withMinPredictedEssShare(1.5)).hasMessageContaining("minPredictedEssShare is 1.5");
        assertThatThrownBy(() -> p.withMinPredictedEssShare(-0.1)).hasMessageContaining("minPredictedEssShare is -0.1");
        assertThatThrownBy(() -> p.withMinPredictedEssShare(Double.NaN)).hasMessageContaining("is NaN");
    }

    @Test
    void importanceSamplingIsTriedOnlyWhenTheProbePredictsEnoughEss() {
        EscalationPolicy p = EscalationPolicy.defaults();
        // 1,000 probe draws, 10,000 importance draws: a probe ESS of e predicts 10·e; 500 (half of 1,000) is needed
        assertThat(p.importanceWorthTrying(50)).isTrue();
        assertThat(p.importanceWorthTrying(49.9)).isFalse();
        assertThat(p.importanceWorthTrying(0)).isFalse();
        assertThat(p.withMinPredictedEssShare(1).importanceWorthTrying(99.9)).isFalse();
        assertThat(p.withMinPredictedEssShare(1).importanceWorthTrying(100)).isTrue();
        // the prediction scales with the importance draws
        assertThat(p.withImportanceDraws(100_000).importanceWorthTrying(5)).isTrue();
        assertThat(p.withMinPredictedEssShare(0).importanceWorthTrying(0)).isTrue();
    }

    @Test
    void aLowerParetoLimitAlsoLowersStepOnesLimit() {
        EscalationPolicy p = EscalationPolicy.defaults().withMaxParetoK(0.3);
        assertThat(p.maxParetoK()).isEqualTo(0.3);
        assertThat(p.amortisedMaxParetoK()).isEqualTo(0.3);
    }
}
