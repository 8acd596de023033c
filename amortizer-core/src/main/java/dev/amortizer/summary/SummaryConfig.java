package dev.amortizer.summary;

import dev.amortizer.nn.HiddenActivation;
import java.util.List;

/**
 * The architecture of a summary network.
 *
 * @param type          DEEPSETS or CONV
 * @param innerWidths   DEEPSETS: widths of φ, the per-row network, the last one being the pooled feature count;
 *                      CONV: output channels of each convolution layer (each followed by average pooling by 2)
 * @param kernel        CONV: kernel length of every convolution (1..64); ignored by DEEPSETS
 * @param headWidths    hidden widths of the head ρ that maps the pooled features to the summary (may be empty)
 * @param summaryDim    k, the length of the summary s(x) the density estimator is conditioned on (1..1024)
 * @param activation    the nonlinearity of every hidden layer
 */
public record SummaryConfig(SummaryType type, List<Integer> innerWidths, int kernel, List<Integer> headWidths,
                            int summaryDim, HiddenActivation activation) {
    public SummaryConfig {
        if (type == null) {
            throw new IllegalArgumentException("summary type must be one of " + List.of(SummaryType.values())
                    + ", got null");
        }
        if (innerWidths == null || innerWidths.isEmpty()
                || innerWidths.stream().anyMatch(w -> w == null || w < 1 || w > 4096)) {
            throw new IllegalArgumentException("innerWidths must list widths in 1..4096, got " + innerWidths);
        }
        innerWidths = List.copyOf(innerWidths);
        if (headWidths == null || headWidths.stream().anyMatch(w -> w == null || w < 1 || w > 4096)) {
            throw new IllegalArgumentException("headWidths must list widths in 1..4096 (or none), got "
                    + headWidths);
        }
        headWidths = List.copyOf(headWidths);
        if (type == SummaryType.CONV && (kernel < 1 || kernel > 64)) {
            throw new IllegalArgumentException("kernel must be in 1..64, got " + kernel);
        }
        if (summaryDim < 1 || summaryDim > 1024) {
            throw new IllegalArgumentException("summaryDim must be in 1..1024, got " + summaryDim);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must be one of TANH, RELU, got null");
        }
    }

    /** DeepSets: φ of widths 64, 64 (64 pooled features), ρ of one hidden layer of 64, a summary of k. */
    public static SummaryConfig deepSets(int summaryDim) {
        return new SummaryConfig(SummaryType.DEEPSETS, List.of(64, 64), 0, List.of(64), summaryDim,
                HiddenActivation.RELU);
    }

    /** Convolutions of 8 and 16 channels with kernels of 5, a dense head of 64, a summary of k. */
    public static SummaryConfig conv(int summaryDim) {
        return new SummaryConfig(SummaryType.CONV, List.of(8, 16), 5, List.of(64), summaryDim,
                HiddenActivation.RELU);
    }
}
