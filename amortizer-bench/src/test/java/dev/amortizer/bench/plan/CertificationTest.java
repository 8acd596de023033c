package dev.amortizer.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A direct answer vouches for itself only when it ran chains and its diagnostics raise no warning. */
class CertificationTest {
    private static Map<String, Double> chains(double rhat, double essBulk, double essTail) {
        Map<String, Double> d = new HashMap<>();
        d.put("warmup_complete", 1.0);
        d.put("rows", 1000.0);
        d.put("distinct_rows", 1000.0);
        d.put("rhat", rhat);
        d.put("ess_bulk", essBulk);
        d.put("ess_tail", essTail);
        return d;
    }

    @Test
    void convergedChainsAreCertifiedAndAnyWarningOrMissingChainRefusesIt() {
        assertThat(Certification.certified(chains(1.002, 900, 700))).isTrue();
        assertThat(Certification.certified(chains(1.05, 900, 700))).as("R-hat").isFalse();
        assertThat(Certification.certified(chains(1.002, 120, 700))).as("bulk ESS").isFalse();
        assertThat(Certification.certified(chains(Double.NaN, Double.NaN, Double.NaN))).as("too few draws").isFalse();
        Map<String, Double> divergent = chains(1.002, 900, 700);
        divergent.put("divergences", 3.0);
        assertThat(Certification.certified(divergent)).isFalse();
        assertThat(Certification.certified(Map.of("acceptance_rate", 0.01))).as("ABC: no chains").isFalse();
        assertThat(Certification.all(new boolean[] {true, false}, new int[] {0, 0})).isTrue();
        assertThat(Certification.all(new boolean[] {true, false}, new int[] {0, 1})).isFalse();
    }
}
