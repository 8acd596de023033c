package dev.amortizer.summary;

import dev.amortizer.data.Quoted;
import java.util.Arrays;
import java.util.Locale;

/** The kind of summary network, by its command-line name. */
public enum SummaryType {
    /** Permutation-invariant network for i.i.d. sets of any size ({@link DeepSets}). */
    DEEPSETS,
    /** 1-D convolutional network for raw time series ({@link ConvSummary}). */
    CONV;

    /** The lower-case name used on the command line and in model files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type called {@code label}; an unknown name is an IllegalArgumentException listing the known ones. */
    public static SummaryType byLabel(String label) {
        for (SummaryType t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown summary network " + Quoted.of(label) + "; known: "
                + Arrays.stream(values()).map(SummaryType::label).toList());
    }
}
