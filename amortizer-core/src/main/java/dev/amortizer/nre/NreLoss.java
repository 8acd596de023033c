package dev.amortizer.nre;

import dev.amortizer.data.Quoted;
import java.util.Arrays;
import java.util.Locale;

/** How the ratio classifier is trained: the contrastive losses of NRE-B and NRE-C. */
public enum NreLoss {
    /**
     * NRE-B (Durkan et al. 2020): pick the jointly drawn θ out of K, −f(θ_1, x) + log Σ_k exp f(θ_k, x); f learns
     * log r(θ, x) up to a function of x.
     */
    B,
    /**
     * NRE-C (Miller et al. 2022): K candidates, either one jointly drawn (probability γ/(1+γ)) or none; f learns the
     * normalised log r(θ, x) itself.
     */
    C;

    /** "b" or "c". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The loss called {@code label}; an unknown name is an IllegalArgumentException listing the known ones. */
    public static NreLoss byLabel(String label) {
        for (NreLoss l : values()) {
            if (l.label().equals(label)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown NRE loss " + Quoted.of(label) + "; known: "
                + Arrays.stream(values()).map(NreLoss::label).toList());
    }
}
