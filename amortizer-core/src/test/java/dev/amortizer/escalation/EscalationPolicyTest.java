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
        assertThatThrownBy(() -> new EscalationPolicy(5, 0.9, 0.5, 10_000, 0.7, 1_000, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("probeDraws is 5");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 1.5, 0.5, 10_000, 0.7, 1_000, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("amortisedMinEssShare is 1.5");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 0.9, 0.9, 10_000, 0.7, 1_000, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("amortisedMaxParetoK is 0.9");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 0.9, 0.5, 10_000, 0.7, 0, 200_000, 8, 200,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("minEss is 0");
        assertThatThrownBy(() -> new EscalationPolicy(1_000, 0.9, 0.5, 10_000, 0.7, 1_000, 200_000, 8, 10,
                MultiChainSampler.Kernel.SLICE)).hasMessageContaining("mcmcWarmup is 10");
    }

    @Test
    void aLowerParetoLimitAlsoLowersStepOnesLimit() {
        EscalationPolicy p = EscalationPolicy.defaults().withMaxParetoK(0.3);
        assertThat(p.maxParetoK()).isEqualTo(0.3);
        assertThat(p.amortisedMaxParetoK()).isEqualTo(0.3);
    }
}
