package dev.amortizer.cli;

import dev.amortizer.data.Quoted;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingSchedule;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code train}'s options of the network and its training, and the configuration they make of a default. */
final class NetworkOptions {
    @Option(names = "--transforms", description = "flow layers with parameters (default: 5)")
    Integer transforms;
    @Option(names = "--hidden", split = ",", description = "hidden widths of each conditioner (flows), of the MDN or"
            + " of fmpe's velocity network, e.g. 64,64 (defaults: 50,50 for flows, 64,64 for the MDN, 128,128,128,128"
            + " for fmpe)")
    List<Integer> hidden;
    @Option(names = "--components", description = "mixture components of the mdn (default: 15)")
    Integer components;
    @Option(names = "--bins", description = "spline bins for nsf (default: 10)")
    Integer bins;
    @Option(names = "--tail-bound", description = "nsf splines act on [-B, B] of the standardised parameters"
            + " (default: 3)")
    Double tailBound;
    @Option(names = "--linear-shift", negatable = true, description = "flows: a first layer that removes the part"
            + " of the parameters linear in the observation (least squares, then trained); mdn: every component's"
            + " mean moves with the observation by a trained linear map, started likewise (on by default);"
            + " --no-linear-shift drops either")
    Boolean linearShift;
    @Option(names = "--members", description = "flows: train this many on the same simulations (own initial weights"
            + " and shuffles) and use their equal mixture, which overfits less than any one (default: 1; at most "
            + FlowConfig.MAX_MEMBERS + ")")
    Integer members;
    @Option(names = "--max-epochs", description = "npe, nle, nre and point: cap on passes over the training pairs"
            + " (default: the estimator's, with early stopping)")
    Integer maxEpochs;
    @Option(names = "--learning-rate", description = "Adam's initial step size (defaults: 1e-3 flows, 2e-3 MDN)")
    Double learningRate;
    @Option(names = "--batch-size", description = "minibatch rows (defaults: 256 flows, nre and point;"
            + " 64 fmpe; the MDN's sized to the simulations, 32 at 1,000 to 512 from 65,536)")
    Integer batchSize;
    @Option(names = "--patience", description = "npe, nle, nre and point: stop after this many epochs without a new"
            + " best validation loss (defaults: 20 flows and nre, 30 MDN and point, 100 fmpe)")
    Integer patience;
    @Option(names = "--decay-factor", description = "multiply the learning rate by this after --decay-patience epochs"
            + " without a new best, in (0, 1]; 1 keeps it constant (default: 0.5)")
    Double decayFactor;
    @Option(names = "--decay-patience", description = "epochs without a new best validation loss before each decay of"
            + " the learning rate (defaults: 10; 30 fmpe)")
    Integer decayPatience;
    @Option(names = "--support", description = "bounded priors: bijection (learn logit/log-transformed θ, no draw"
            + " rejected) or truncation (learn θ, redraw outside) (defaults: truncation for mdn, bijection for flows)")
    String support;

    /**
     * Refuses a density estimator too large to train (wide, deep, many flow layers, many members): an upper bound on
     * its weights, with each flow layer's conditioner seeing θ and x and giving up to 3·bins + 1 values per parameter
     * (splines; affine layers give 2), and the MDN giving each component a weight, a mean and a Cholesky factor.
     */
    static void checkNetwork(NpeConfig c, Task task) {
        int p = task.parameterDim();
        // x's values, and the moments of its rows where it declares exchangeable rows that may be read with them
        int data = task.dataDim() + (task.dataLayout().orElse(null) instanceof RowsLayout rows
                && rows.width() <= RowsLayout.MOMENTS_MAX_WIDTH ? RowsLayout.momentCount(rows.width()) : 0);
        int in = p + data;
        double weights;
        if (c.flow() != null) {
            FlowConfig f = c.flow();
            weights = (double) f.members() * f.transforms()
                    * MemoryCheck.denseWeights(in, f.hiddenWidths(), p * (3.0 * f.bins() + 1));
        } else if (c.matching() != null) { // flow matching's velocity network sees θ, x and the time features
            weights = MemoryCheck.denseWeights(in + 1 + 2 * c.matching().frequencies(), c.hiddenWidths(), p);
        } else {
            weights = MemoryCheck.denseWeights(data, c.hiddenWidths(),
                    c.components() * (1 + p + p * (p + 1) / 2.0));
        }
        MemoryCheck.requireNetwork("--hidden, --transforms, --members, --bins or --components", weights);
    }

    /** The defaults with the options the user set. */
    NpeConfig tuned(NpeConfig c) {
        if (c.flow() != null) {
            FlowConfig f = c.flow();
            f = new FlowConfig(f.type(), transforms == null ? f.transforms() : transforms,
                    hidden == null ? f.hiddenWidths() : hidden, f.activation(), bins == null ? f.bins() : bins,
                    tailBound == null ? f.tailBound() : tailBound,
                    linearShift == null ? f.linearShift() : linearShift, members == null ? f.members() : members);
            c = c.withFlow(f);
        } else {
            if (hidden != null) {
                c = c.withHidden(hidden, c.activation());
            }
            if (components != null) {
                c = c.withComponents(components);
            }
            if (linearShift != null) {
                if (c.estimator() != Estimator.MDN) {
                    throw new IllegalArgumentException("--linear-shift applies to the flows and the mdn, not to "
                            + c.estimator().label());
                }
                c = c.withMeanShift(linearShift);
            }
        }
        c = c.withSchedule(schedule(c.schedule()));
        if (support != null) {
            c = c.withSupport(switch (support) {
                case "bijection" -> SupportHandling.BIJECTION;
                case "truncation" -> SupportHandling.TRUNCATION;
                default -> throw new IllegalArgumentException("--support must be bijection or truncation, got "
                        + Quoted.of(support));
            });
        }
        return c;
    }

    /** {@code s} with the batch size, learning rate, epoch cap, patience and decay the options give. */
    TrainingSchedule schedule(TrainingSchedule s) {
        TrainingSchedule b = batchSize == null ? s : Inputs.option("--batch-size", () -> s.withBatchSize(batchSize));
        TrainingSchedule r = learningRate == null ? b
                : Inputs.option("--learning-rate", () -> b.withLearningRate(learningRate));
        TrainingSchedule m = maxEpochs == null ? r
                : Inputs.option("--max-epochs", () -> r.withEpochs(maxEpochs, r.patience()));
        TrainingSchedule p = patience == null ? m
                : Inputs.option("--patience", () -> m.withEpochs(m.maxEpochs(), patience));
        TrainingSchedule f = decayFactor == null ? p
                : Inputs.option("--decay-factor", () -> p.withDecay(decayFactor, p.decayPatience()));
        return decayPatience == null ? f
                : Inputs.option("--decay-patience", () -> f.withDecay(f.decayFactor(), decayPatience));
    }
}
