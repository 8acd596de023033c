package dev.amortizer.flow;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.TrainingFieldChecks;
import java.util.List;

/**
 * The architecture of a {@link ConditionalFlow}.
 *
 * @param type         MAF, NSF or COUPLING
 * @param transforms   layers with parameters (1..64)
 * @param hiddenWidths hidden widths of each layer's conditioner network (at least one, each 1..4096)
 * @param activation   their nonlinearity
 * @param bins         spline bins K for NSF (2..128; ignored otherwise)
 * @param tailBound    B: splines act on [−B, B] and are the identity outside, &gt; 0
 */
public record FlowConfig(FlowType type, int transforms, List<Integer> hiddenWidths, HiddenActivation activation,
                         int bins, double tailBound) {
    public FlowConfig {
        if (type == null) {
            throw new IllegalArgumentException("flow type must be one of MAF, NSF, COUPLING, got null");
        }
        if (transforms < 1 || transforms > 64) {
            throw new IllegalArgumentException("transforms must be in 1..64, got " + transforms);
        }
        TrainingFieldChecks.hiddenLayers(hiddenWidths, activation);
        hiddenWidths = List.copyOf(hiddenWidths);
        if (bins < 2 || bins > 128) {
            throw new IllegalArgumentException("bins must be in 2..128, got " + bins);
        }
        if (!(tailBound > 0) || !Double.isFinite(tailBound)) {
            throw new IllegalArgumentException("tailBound must be a finite number > 0, got " + tailBound);
        }
    }

    /** sbi's defaults for each type: 5 transforms of 2 × 50 hidden units; splines of 10 bins on [−3, 3]. */
    public static FlowConfig defaults(FlowType type) {
        return new FlowConfig(type, 5, List.of(50, 50), HiddenActivation.RELU, 10, 3.0);
    }

    public FlowConfig withTransforms(int n) {
        return new FlowConfig(type, n, hiddenWidths, activation, bins, tailBound);
    }

    public FlowConfig withHidden(List<Integer> widths, HiddenActivation act) {
        return new FlowConfig(type, transforms, widths, act, bins, tailBound);
    }
}
