package dev.amortizer.npe;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.npe.fmpe.FlowMatchingTrainer;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Task;
import dev.amortizer.training.CarriedCost;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.Fitted;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingData;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.TrainingRun;
import dev.amortizer.training.TrainingSimulations;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Fits one NPE configuration on given pairs with the training layer ({@link TrainingRun}): θ mapped by the prior's
 * bijection when the configuration asks for it, then the MDN, a flow (or ensemble), flow matching's velocity field
 * or a summary network with its flow, with per-epoch checkpoints when the {@link Npe} has a directory. The
 * validation loss is reported in θ's own units (the bijection's mean log-Jacobian on the held-out rows added), so
 * that candidates compare.
 */
final class NpeFit {
    /**
     * Mixed into every checkpoint's fingerprint: 2 since the standardisation is fitted on the training rows only, so
     * a checkpoint written under the earlier policy (all finite rows) is refused rather than resumed in other units.
     */
    private static final int STANDARDIZATION_POLICY = 2;

    private NpeFit() {
    }

    /** The task's data layout, which a summary network reads; a plain vector x is refused, naming the task. */
    static DataLayout layoutFor(Task task, SummaryConfig summary) {
        return task.dataLayout().orElseThrow(() -> new IllegalArgumentException("task " + task.name() + " has a plain"
                + " vector x (no data layout), so a " + summary.type().label() + " summary network cannot read it;"
                + " train without a summary network"));
    }

    /**
     * Values per row where the task's x is a set of exchangeable rows ({@link RowsLayout}); 0 otherwise. A layout
     * whose length is not the task's number of data values is refused, naming both.
     */
    static int rowWidth(Task task) {
        if (!(task.dataLayout().orElse(null) instanceof RowsLayout rows)) {
            return 0;
        }
        if (rows.flatLength() != task.dataDim()) {
            throw new IllegalArgumentException("task " + task.name() + " declares its x as " + rows.rows() + " rows of "
                    + rows.width() + " values (" + rows.flatLength() + "), but it has " + task.dataDim()
                    + " data values");
        }
        return rows.width();
    }

    /**
     * Whether {@code npe} reads the moments of rows of {@code rowWidth} values (0 where x is not read as rows): where
     * it is set to ({@link Npe#withRowMoments}) and the rows are at most {@value RowsLayout#MOMENTS_MAX_WIDTH} wide.
     */
    static boolean readsMoments(Npe npe, int rowWidth) {
        return npe.readsRowMoments() && rowWidth > 0 && rowWidth <= RowsLayout.MOMENTS_MAX_WIDTH;
    }

    /**
     * {@code sims}'s x as the estimator reads them: with their rows of {@code rowWidth} values in canonical order
     * (none for 0), followed by the rows' moments where {@code moments} says so.
     */
    static TrainingSimulations columnsRead(TrainingSimulations sims, int rowWidth, boolean moments) {
        TrainingSimulations ordered = sims.withRowsInCanonicalOrder(rowWidth);
        return moments ? ordered.withRowMoments(rowWidth) : ordered;
    }

    /**
     * The task's declared {@link ParameterSymmetry}, once its prior is found to hold it (200 draws, seed 0); null where
     * it declares none. A symmetry the prior does not have is refused, naming the reflection.
     */
    static ParameterSymmetry symmetryOf(Task task) {
        ParameterSymmetry s = task.parameterSymmetry().orElse(null);
        if (s != null) {
            try {
                s.checkPrior(task.prior(), 200, Rng.seeded(0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task " + task.name() + " declares the parameter symmetry " + s
                        + ", which its prior does not have: " + e.getMessage(), e);
            }
        }
        return s;
    }

    /** Fits {@code npe}'s configuration on {@code sims}: prepares them with {@code rng}, then seeds and trains. */
    static NpePosterior fit(Npe npe, Task task, TrainingSimulations given, Rng rng, CostMeter run, CostMeter meter) {
        return fit(npe, task, given, rng, null, run, meter);
    }

    /**
     * As {@link #fit(Npe, Task, TrainingSimulations, Rng, CostMeter, CostMeter)}, the held-out rows chosen by
     * {@code split} (null: by {@code rng}, as a single fit does): candidates given generators in the same state hold out
     * the same rows, so that their validation losses are paired.
     */
    static NpePosterior fit(Npe npe, Task task, TrainingSimulations given, Rng rng, Rng split, CostMeter run,
                            CostMeter meter) {
        NpeConfig config = npe.config();
        SummaryConfig summary = npe.summary();
        DataLayout layout = summary == null ? null : layoutFor(task, summary);
        requirePairsOf(task, given);
        NpePosterior start = npe.start(task);
        // exchangeable rows are read in canonical order (a warm start in its fit's order): the screen, the log scale
        // and the scores all see x so ordered
        int rowWidth = start != null ? start.standardization().rowWidth() : summary == null ? rowWidth(task) : 0;
        // and followed by their mean and covariance where the trainer reads them (a warm start as its fit did)
        boolean moments = start != null ? start.standardization().rowMoments() : readsMoments(npe, rowWidth);
        // a declared symmetry folds θ (a warm start keeps its fit's): the estimator learns one copy of each mode,
        // and the posterior symmetrises its draws and density
        ParameterSymmetry symmetry = start != null ? start.standardization().thetaSymmetry() : symmetryOf(task);
        TrainingSimulations sims = columnsRead(given, rowWidth, moments).withThetaFolded(symmetry);
        Bijection bijection = config.support() == SupportHandling.BIJECTION
                ? Bijection.forSupport(task.prior().support()) : null;
        UnaryOperator<double[]> toU = bijection == null ? UnaryOperator.identity() : bijection::inverse;
        CarriedCost carried = new CarriedCost();
        // the summary network scales its raw input itself, respecting its structure: x is left unscaled (and
        // unscreened, unlogged) for it; a warm start keeps the units (ignored and logged columns included) its
        // weights were trained in
        Function<Rng, TrainingData> prepare = start != null
                ? r -> {
                    TrainingData d = TrainingData.prepare(sims, config.schedule().validationFraction(),
                            npe.invalidPolicy(), toU, start.standardization(), r);
                    d.requireReadable();
                    return d;
                }
                : r -> {
                    TrainingData d = TrainingData.prepare(sims, config.schedule().validationFraction(),
                            npe.invalidPolicy(), toU, summary == null, r);
                    d = d.foldingTheta(symmetry);
                    if (summary != null) {
                        return d;
                    }
                    d = rowWidth == 0 ? d : d.sortingRows(rowWidth, moments);
                    d = npe.screensData() ? d.screened() : d;
                    return npe.logScalesData() ? d.logScaled(task.dataSupport()) : d;
                };
        Fitted<StandardizedDensity> f = TrainingRun.fit(prepare, split == null ? rng : split, rng, run, meter, carried,
                TrainingData::keptRows,
                (data, seed, shuffle) -> train(npe, task, sims, data, bijection, layout, seed, shuffle, carried));
        return NpePosterior.of(task, config, f.standardization(), bijection, f.provenance(), f.ledger(), f.fitted());
    }

    private static Trained<StandardizedDensity> train(Npe npe, Task task, TrainingSimulations sims, TrainingData data,
                                                      Bijection bijection, DataLayout layout, long seed, Rng shuffle,
                                                      CarriedCost carried) {
        NpeConfig config = npe.config();
        SummaryConfig summary = npe.summary();
        long fingerprint = Objects.hash(task.name(), sims.size(), data.dropped(), config, seed,
                Arrays.deepHashCode(sims.theta())) * 31 + STANDARDIZATION_POLICY;
        if (summary != null) {
            fingerprint = 31 * fingerprint + summary.hashCode();
        }
        if (data.standardization().ignoredX().length > 0) {
            fingerprint = 31 * fingerprint + Arrays.hashCode(data.standardization().ignoredX());
        }
        if (data.standardization().loggedX().length > 0) {
            fingerprint = 37 * fingerprint + Arrays.hashCode(data.standardization().loggedX());
        }
        if (data.standardization().rowWidth() > 0) {
            fingerprint = 41 * fingerprint + data.standardization().rowWidth()
                    + (data.standardization().rowMoments() ? 1_000_003 : 0);
        }
        if (data.standardization().thetaSymmetry() != null) {
            fingerprint = 43 * fingerprint + data.standardization().thetaSymmetry().hashCode();
        }
        NpePosterior start = npe.start(task);
        if (start != null) {
            fingerprint = 31 * fingerprint + Arrays.hashCode(start.weights());
        }
        Path file = npe.checkpoints() == null ? null : npe.checkpoints().resolve(Npe.CHECKPOINT_FILE);
        Checkpoint checkpoint = file == null ? null : new Checkpoint(file, fingerprint, carried);
        double logScale = data.standardization().logThetaScale();
        String label = "NPE-" + config.estimator().label();
        Trained<? extends StandardizedDensity> t;
        FlowTrainer.Rows training = data.thetaGivenX(data.training());
        FlowTrainer.Rows held = data.thetaGivenX(data.heldOut());
        if (summary != null) {
            Trained<SummaryTrainer.Networks> r = SummaryTrainer.train(config, summary, layout, training, held,
                    logScale, seed, shuffle, checkpoint, npe.listener());
            t = new Trained<>(new SummarizedDensity(r.fitted().summary(), r.fitted().flow()), r.outcome());
        } else if (config.estimator() == Estimator.MDN) {
            MixtureLayout mixture = new MixtureLayout(config.components(), task.parameterDim());
            List<double[]> initial = start == null ? null : ParameterBytes.decode(start.weights());
            var r = MdnTrainer.train(config, mixture, training, held, logScale, seed, initial, shuffle, checkpoint,
                    npe.listener());
            t = new Trained<>(MdnDensity.of(config, task.parameterDim(), data.standardization().inputWidth(),
                    r.fitted()), r.outcome());
        } else if (config.estimator() == Estimator.FMPE) {
            var r = FlowMatchingTrainer.train(label, config, training, held, logScale, seed, shuffle, checkpoint,
                    npe.listener());
            t = new Trained<>(new FlowMatchingDensity(r.fitted(), config.matching().odeSteps()), r.outcome());
        } else {
            ConditionalFlow initial = start == null ? null
                    : ConditionalFlow.restore(config.flow(), task.parameterDim(),
                    start.standardization().inputWidth(), start.weights());
            t = initial == null ? FlowEnsembleTrainer.train(label, config.flow(), config.schedule(), training, held,
                    logScale, seed, shuffle, checkpoint, npe.listener())
                    : warmFlow(label, config, initial, training, held, logScale, shuffle, checkpoint, npe.listener());
        }
        TrainingOutcome o = t.outcome();
        double thetaUnits = o.bestValidationLoss() + meanLogDet(bijection, sims.theta(), data.heldOut());
        return new Trained<>(t.fitted(), new TrainingOutcome(o.epochs(), o.bestEpoch(), thetaUnits, o.wallSeconds(),
                o.stopReason()));
    }

    /** A single flow trained further from {@code initial}, a copy of the previous fit's (which stays as it was). */
    private static Trained<StandardizedDensity> warmFlow(String label, NpeConfig config, ConditionalFlow initial,
                                                         FlowTrainer.Rows training, FlowTrainer.Rows held,
                                                         double logScale, Rng shuffle, Checkpoint checkpoint,
                                                         TrainingListener listener) {
        Trained<ConditionalFlow> r = FlowTrainer.train(label, initial, config.schedule(), training, held, logScale,
                shuffle, checkpoint, listener);
        return new Trained<>(new FlowDensity(r.fitted()), r.outcome());
    }

    /**
     * Mean log |det ∂θ/∂u| over the held-out rows: added to a loss in u's units, it gives −log q(θ | x) in θ's own
     * units, so that estimators learning θ and estimators learning u = T⁻¹(θ) compare.
     */
    private static double meanLogDet(Bijection bijection, double[][] theta, int[] rows) {
        if (bijection == null) {
            return 0;
        }
        double sum = 0;
        for (int row : rows) {
            sum += bijection.logAbsDetJacobian(bijection.inverse(theta[row]));
        }
        return sum / rows.length;
    }

    /** Every pair must fit the task and every θ be finite: only x may hold failed simulations. */
    private static void requirePairsOf(Task task, TrainingSimulations sims) {
        for (int i = 0; i < sims.size(); i++) {
            double[] theta = sims.theta()[i];
            double[] x = sims.x()[i];
            if (theta.length != task.parameterDim() || x.length != task.dataDim()) {
                throw new IllegalArgumentException("pair " + (i + 1) + " has " + theta.length + " θ and " + x.length
                        + " x values; task " + task.name() + " has " + task.parameterDim() + " and "
                        + task.dataDim());
            }
            for (double v : theta) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("theta row " + (i + 1) + " holds " + v
                            + "; parameters must be finite (only x may hold failed simulations)");
                }
            }
        }
    }
}
