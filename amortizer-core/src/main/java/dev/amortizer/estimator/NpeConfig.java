package dev.amortizer.estimator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.TrainingFieldChecks;
import dev.amortizer.training.TrainingSchedule;
import java.util.List;

/**
 * How NPE builds and trains q(θ | x) (and NLE its flow q(x | θ)): the estimator's architecture and its training
 * schedule. Model files store the schedule's fields flat among the architecture's ({@link JsonUnwrapped}).
 *
 * @param estimator          the density estimator
 * @param components         K, mixture components of the MDN (1..1000)
 * @param hiddenWidths       widths of the MDN's hidden layers, input to output (at least one, each 1..4096)
 * @param activation         nonlinearity of the MDN's hidden layers
 * @param flow               the flow's architecture: required for a flow estimator, null for the MDN
 * @param schedule           how it is trained; its gradient clip caps the gradient's L2 norm per layer for the
 *                           MDN, globally for flows
 * @param support            how draws are kept inside a bounded prior
 * @param matching           FMPE's time features, path width and ODE steps: required for FMPE (whose velocity
 *                           network has the widths and activation above), null otherwise and then left out of model
 *                           files, so that other estimators' manifests are unchanged
 * @param meanShift          the MDN only: each component's mean is the network's plus a trained A·x + b, started at
 *                           the least-squares regression of θ on x ({@code npe.mdn.MixtureNetwork}); left out of
 *                           model files when false, where files before format 6 had no shift
 */
public record NpeConfig(Estimator estimator, int components, List<Integer> hiddenWidths,
                        HiddenActivation activation, FlowConfig flow, @JsonUnwrapped TrainingSchedule schedule,
                        SupportHandling support,
                        @JsonInclude(JsonInclude.Include.NON_NULL) FlowMatchingConfig matching,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean meanShift) {
    public NpeConfig {
        if (estimator == null) {
            throw new IllegalArgumentException("estimator must be one of " + List.of(Estimator.values())
                    + ", got null");
        }
        if (support == null) {
            throw new IllegalArgumentException("support must be one of " + List.of(SupportHandling.values())
                    + ", got null");
        }
        if (estimator.flowType() != null && (flow == null || flow.type() != estimator.flowType())) {
            throw new IllegalArgumentException("estimator " + estimator.label() + " needs a flow config of type "
                    + estimator.flowType() + ", got " + flow);
        }
        if (estimator.flowType() == null && flow != null) {
            throw new IllegalArgumentException("the " + estimator.label() + " estimator takes no flow config, got "
                    + flow);
        }
        if ((estimator == Estimator.FMPE) != (matching != null)) {
            throw new IllegalArgumentException(estimator == Estimator.FMPE
                    ? "the fmpe estimator needs a flow-matching config, got null"
                    : "only the fmpe estimator takes a flow-matching config, " + estimator.label() + " got "
                    + matching);
        }
        if (meanShift && estimator != Estimator.MDN) {
            throw new IllegalArgumentException("the mean shift belongs to the mdn estimator; " + estimator.label()
                    + (flow != null ? " has the flow's linearShift instead" : " has none"));
        }
        TrainingFieldChecks.range("components", components, 1, 1000);
        if (hiddenWidths == null || hiddenWidths.isEmpty()) {
            throw new IllegalArgumentException("hiddenWidths must list at least one layer width, got " + hiddenWidths);
        }
        for (Integer w : hiddenWidths) {
            if (w == null || w < 1 || w > 4096) {
                throw new IllegalArgumentException("hiddenWidths " + hiddenWidths
                        + ": every width must be in 1..4096, got " + w);
            }
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        if (activation == null) {
            throw new IllegalArgumentException("activation must be one of TANH, RELU, got null");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
    }

    /** Any estimator but FMPE, which takes a {@link FlowMatchingConfig} too; an MDN without a mean shift. */
    public NpeConfig(Estimator estimator, int components, List<Integer> hiddenWidths, HiddenActivation activation,
                     FlowConfig flow, TrainingSchedule schedule, SupportHandling support) {
        this(estimator, components, hiddenWidths, activation, flow, schedule, support, null, false);
    }

    /** Any estimator; an MDN without a mean shift. */
    public NpeConfig(Estimator estimator, int components, List<Integer> hiddenWidths, HiddenActivation activation,
                     FlowConfig flow, TrainingSchedule schedule, SupportHandling support,
                     FlowMatchingConfig matching) {
        this(estimator, components, hiddenWidths, activation, flow, schedule, support, matching, false);
    }

    /**
     * Defaults tuned on two_moons with 10^4 simulations (seeds 1–3, C2ST against sbibm's references):
     * K = 15 components, two tanh layers of 64, batch 512, Adam at 2·10⁻³ halved after every 10 epochs
     * without a new best, stopping after 30. The decay mattered most (mean C2ST 0.585 → 0.553 at K = 10);
     * K = 15 gained another 0.01 and K = 20 nothing more; 96-wide, 3-layer and ReLU trunks were no
     * better; batch 512 trains as well as 256 in about 20% less time per epoch (measured when the MDN
     * ran on DL4J, whose cost per step had a large fixed part). Training takes 7–14 s on 2 cores
     * (eight seeds; amortizer-bench/results/npe-two_moons.md); the gradient clip (5) is a safety net,
     * not tuned. The default NPE trains it on smaller minibatches below 65,536 simulations ({@link #mdnBatchFor}).
     * Every component's mean carries a trained linear shift in x ({@code meanShift}, started at least squares): at
     * 10⁴ simulations it lowered the mean C2ST on gaussian_mixture from 0.555 / 0.545 / 0.556 to 0.529 / 0.529 /
     * 0.535 (seeds 1–3) and on two_moons from 0.558 / 0.545 / 0.546 to 0.546 / 0.534 / 0.532
     * (amortizer-bench/results/npe-estimators.md, "The MDN's mean shift").
     */
    public static NpeConfig mdnDefaults() {
        return new NpeConfig(Estimator.MDN, 15, List.of(64, 64), HiddenActivation.TANH, null,
                new TrainingSchedule(MDN_BATCH, 2e-3, 500, 30, 0.1, 5.0, 0.5, 10), SupportHandling.TRUNCATION, null,
                true);
    }

    /** The minibatch rows of {@link #mdnDefaults()}, before the default NPE sizes them to the budget. */
    public static final int MDN_BATCH = 512;

    /**
     * The MDN's minibatch for a run on {@code simulations} pairs, as the default NPE ({@code npe.DefaultNpe}) sizes
     * it: the largest power of two not above simulations / 128, at least 32 and at most {@value #MDN_BATCH}, so that an
     * epoch takes about 128 steps or more where the data allow (64 rows at 10⁴, 32 at 10³, 512 from 65,536). With
     * 512 rows an epoch on 10³ simulations took two steps and early stopping came after 150–350 of them; over three
     * training seeds, 32 rows lowered the mean C2ST at 10³ from a median of 0.726 to 0.662 on two_moons, 0.747 to
     * 0.639 on gaussian_mixture and 0.788 to 0.708 on sir, and 64 rows at 10⁴ (amortizer-bench/results/npe-estimators.md,
     * "The MDN's minibatch against the budget").
     */
    public static int mdnBatchFor(int simulations) {
        if (simulations < 1) {
            throw new IllegalArgumentException("simulations must be >= 1, got " + simulations);
        }
        int rows = Integer.highestOneBit(Math.max(1, simulations / 128));
        return Math.max(32, Math.min(MDN_BATCH, rows));
    }

    /**
     * The MDN with truncation, the measured default for low-dimensional parameters ({@link #defaultsFor(int)}). On
     * two_moons (10⁴ simulations, sbibm's 10 observations) it was the most accurate of the four estimators and the
     * only one whose 10,000-draw query stays in single milliseconds; learning the logit of θ instead cost it 0.08 in
     * C2ST, because several two_moons posteriors lie against the prior's edge and become long tails in logit space
     * (CHANGELOG.md, "Evidence behind the default NPE's candidates").
     */
    public static NpeConfig defaults() {
        return mdnDefaults();
    }

    /** Parameter dimensions up to this use the MDN by default; above it, flows (npe's {@code DefaultNpe}). */
    public static final int MDN_MAX_DEFAULT_DIM = 3;

    /**
     * The measured default for D parameters: the MDN ({@link #defaults()}) for D ≤ {@value #MDN_MAX_DEFAULT_DIM}, the
     * neural spline flow above. A full-covariance mixture has K·(D(D+3)/2 + 1) outputs; at D = 10 the 15-component
     * MDN overfits within a few epochs (gaussian_linear: C2ST 0.585 against sbibm's 0.552) and at D = 5 it cannot
     * resolve slcp's four modes (0.951 against 0.901), while the spline flow, sbibm's own NPE estimator, reaches
     * 0.882 on slcp (CHANGELOG.md, "Evidence behind the default NPE's candidates").
     */
    public static NpeConfig defaultsFor(int parameterDim) {
        if (parameterDim < 1) {
            throw new IllegalArgumentException("parameterDim must be >= 1, got " + parameterDim);
        }
        return parameterDim <= MDN_MAX_DEFAULT_DIM ? defaults() : defaults(Estimator.NSF);
    }

    /**
     * The estimator's label, then "-shift" for a flow with a linear shift, the support handling unless it is the
     * bijection, and "-xK" for an ensemble of K flows: "nsf", "nsf-shift", "nsf-truncation-x5".
     */
    public String label() {
        return estimator.label() + (flow != null && flow.linearShift() || meanShift ? "-shift" : "")
                + (support == SupportHandling.BIJECTION ? "" : "-" + support.name().toLowerCase(java.util.Locale.ROOT))
                + (flow != null && flow.members() > 1 ? "-x" + flow.members() : "");
    }

    /** The defaults of {@code estimator}: {@link #mdnDefaults()}, or a flow's. */
    public static NpeConfig defaults(Estimator estimator) {
        if (estimator == Estimator.MDN) {
            return mdnDefaults();
        }
        if (estimator == Estimator.FMPE) {
            return fmpeDefaults();
        }
        return new NpeConfig(estimator, 15, List.of(64, 64), HiddenActivation.TANH,
                FlowConfig.defaults(estimator.flowType()), new TrainingSchedule(256, 1e-3, 500, 20, 0.1, 5.0, 0.5, 10),
                SupportHandling.BIJECTION);
    }

    /**
     * FMPE's defaults, chosen on two_moons (10⁴ simulations, seed 1) by the held-out −log q alone: a ReLU
     * velocity network of four layers of 128 seeing θ, x, t and 3 Fourier pairs of t; σ_min = 10⁻³; 20 RK4 steps;
     * truncation to bounded supports, as the MDN; batch 64, Adam at 10⁻³ halved after 30 epochs without a new best
     * held-out regression loss, stopping after 100. Early stopping as the flows' (patience 20) stopped FMPE far too
     * soon: held-out −log q went from −2.48 to −3.64 by training longer on smaller batches (results/fmpe.md).
     */
    public static NpeConfig fmpeDefaults() {
        return new NpeConfig(Estimator.FMPE, 1, List.of(128, 128, 128, 128), HiddenActivation.RELU, null,
                new TrainingSchedule(64, 1e-3, 1000, 100, 0.1, 5.0, 0.5, 30), SupportHandling.TRUNCATION,
                FlowMatchingConfig.defaults());
    }

    public NpeConfig withComponents(int k) {
        return new NpeConfig(estimator, k, hiddenWidths, activation, flow, schedule, support, matching, meanShift);
    }

    public NpeConfig withHidden(List<Integer> widths, HiddenActivation act) {
        return new NpeConfig(estimator, components, widths, act, flow, schedule, support, matching, meanShift);
    }

    /** The same architecture with another training schedule. */
    public NpeConfig withSchedule(TrainingSchedule other) {
        return new NpeConfig(estimator, components, hiddenWidths, activation, flow, other, support, matching,
                meanShift);
    }

    public NpeConfig withBatchSize(int rows) {
        return withSchedule(schedule.withBatchSize(rows));
    }

    public NpeConfig withLearningRate(double rate) {
        return withSchedule(schedule.withLearningRate(rate));
    }

    /** The same settings with another epoch cap and patience. */
    public NpeConfig withEpochs(int max, int stopAfter) {
        return withSchedule(schedule.withEpochs(max, stopAfter));
    }

    /** The same settings with another learning-rate decay on plateaus. */
    public NpeConfig withDecay(double factor, int afterEpochs) {
        return withSchedule(schedule.withDecay(factor, afterEpochs));
    }

    /** The same training settings with another flow architecture (its type must match the estimator). */
    public NpeConfig withFlow(FlowConfig f) {
        return new NpeConfig(estimator, components, hiddenWidths, activation, f, schedule, support, matching,
                meanShift);
    }

    /** The same settings with another flow-matching config (FMPE only). */
    public NpeConfig withMatching(FlowMatchingConfig m) {
        return new NpeConfig(estimator, components, hiddenWidths, activation, flow, schedule, support, m, meanShift);
    }

    /** The same MDN with or without a mean shift. */
    public NpeConfig withMeanShift(boolean shifted) {
        return new NpeConfig(estimator, components, hiddenWidths, activation, flow, schedule, support, matching,
                shifted);
    }

    /** The same settings with another way of keeping draws inside a bounded prior. */
    public NpeConfig withSupport(SupportHandling handling) {
        return new NpeConfig(estimator, components, hiddenWidths, activation, flow, schedule, handling, matching,
                meanShift);
    }
}
