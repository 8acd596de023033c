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
 * @param linearShift  whether a first layer removes the part of θ linear in the context (z − A·c − b, rescaled;
 *                     fitted by least squares, then trained), leaving the other layers a residual to shape
 * @param members      flows in the ensemble (1..{@value #MAX_MEMBERS}): each trained on the same simulations from its
 *                     own initial weights and shuffles, the density their equal-weight mixture
 */
public record FlowConfig(FlowType type, int transforms, List<Integer> hiddenWidths, HiddenActivation activation,
                         int bins, double tailBound, boolean linearShift, int members) {
    public static final int MAX_MEMBERS = 16;

    public FlowConfig {
        if (members < 1 || members > MAX_MEMBERS) {
            throw new IllegalArgumentException("members must be in 1.." + MAX_MEMBERS + ", got " + members);
        }
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

    /** One flow, without the linear shift. */
    public FlowConfig(FlowType type, int transforms, List<Integer> hiddenWidths, HiddenActivation activation,
                      int bins, double tailBound) {
        this(type, transforms, hiddenWidths, activation, bins, tailBound, false, 1);
    }

    /** sbi's defaults for each type: 5 transforms of 2 × 50 hidden units; splines of 10 bins on [−3, 3]. */
    public static FlowConfig defaults(FlowType type) {
        return new FlowConfig(type, 5, List.of(50, 50), HiddenActivation.RELU, 10, 3.0);
    }

    public FlowConfig withTransforms(int n) {
        return new FlowConfig(type, n, hiddenWidths, activation, bins, tailBound, linearShift, members);
    }

    public FlowConfig withHidden(List<Integer> widths, HiddenActivation act) {
        return new FlowConfig(type, transforms, widths, act, bins, tailBound, linearShift, members);
    }

    public FlowConfig withLinearShift(boolean shift) {
        return new FlowConfig(type, transforms, hiddenWidths, activation, bins, tailBound, shift, members);
    }

    /** The same flow, as an ensemble of {@code n} members (1 for a single flow). */
    public FlowConfig withMembers(int n) {
        return new FlowConfig(type, transforms, hiddenWidths, activation, bins, tailBound, linearShift, n);
    }
}
