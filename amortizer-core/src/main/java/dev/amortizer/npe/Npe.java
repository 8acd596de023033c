package dev.amortizer.npe;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.bijection.Bijection;
import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.random.Rng;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.Task;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingSimulations;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Neural posterior estimation: simulate pairs (θ_i, x_i) from the prior and simulator, then fit a conditional
 * density q(θ | x) — a mixture density network or a normalising flow ({@link Estimator}) — by minimising
 * −(1/n) Σ_i log q(θ_i | x_i). θ is first mapped to R^D by the prior's {@link Bijection} (when the configuration
 * says so), then θ and x are z-scored with statistics of the training rows; where the task declares x a set of
 * exchangeable rows ({@link dev.amortizer.task.RowsLayout}) and no summary network reads it, x's rows are put in
 * canonical order first, in every training pair and every query (not in streamed training, which reads x as given),
 * and may be followed by their mean and covariance ({@link #withRowMoments}). Pairs whose x is NaN or infinite are
 * dropped and counted (or refused: {@link InvalidSimulations}); 10% (by default) are held out for early stopping.
 * The training itself is the training layer's ({@code dev.amortizer.training}); the measured default and the choice
 * among candidates are {@link DefaultNpe}'s.
 *
 * <p>Pairs are drawn by a {@link SimulationCampaign}. With {@link #withCheckpoints(Path)}, its batches are saved as
 * they complete (in {@code simulations/}) and training writes a checkpoint after every epoch; training again with
 * the same directory, task, budget, configuration and seed resumes where a crashed run stopped and ends with the
 * same weights, and with a ledger that counts the simulations and the training of every process.
 *
 * <p>{@code NpePosterior q = new Npe(NpeConfig.defaults()).train(task, 10_000, Rng.seeded(1), meter);}
 *
 * <p>Costs go to the meter given: {@link Phase#SIMULATION} (wall, CPU, simulator calls) and
 * {@link Phase#TRAINING} (wall, CPU, forward passes); the posterior carries the same ledger. Training events go to
 * the {@link #withListener listener} (the command line draws progress bars from them).
 *
 * @see <a href="https://arxiv.org/abs/1605.06376">Papamakarios &amp; Murray 2016, Fast ε-free inference of
 *     simulation models with Bayesian conditional density estimation</a>
 */
public final class Npe implements Amortiser {
    /** Where a checkpoint directory keeps the simulation campaign's batches. */
    static final String CAMPAIGN_DIR = "simulations";
    /** Earlier versions' single file of simulations, still read. */
    static final String SIMULATIONS_FILE = "simulations.bin";
    static final String CHECKPOINT_FILE = "checkpoint.bin";
    private static final String DEFAULT_KEY = "npe";

    private final NpeConfig config;
    private final InvalidSimulations invalidPolicy;
    private final Path checkpoints;
    private final TrainingListener listener;
    private final SummaryConfig summary;
    /** What besides task and budget fixes the simulations in a checkpoint directory, such as "seed 7". */
    private final String campaignKey;
    /** The fit that training continues from ({@link #startingFrom}), or null for a fresh initialisation. */
    private final NpePosterior start;
    /** Whether x columns that show no dependence on θ are ignored ({@link #withDataScreen}). */
    private final boolean screen;
    /** Whether positive x columns spread over decades are read on the log scale ({@link #withLogScale}). */
    private final boolean logScale;
    /** Whether declared exchangeable rows are followed by their mean and covariance ({@link #withRowMoments}). */
    private final boolean rowMoments;

    public Npe(NpeConfig config) {
        this(config, InvalidSimulations.DROP, null, TrainingListener.NONE, null, DEFAULT_KEY, null, false, false,
                false);
    }

    private Npe(NpeConfig config, InvalidSimulations invalidPolicy, Path checkpoints, TrainingListener listener,
                SummaryConfig summary, String campaignKey, NpePosterior start, boolean screen,
                boolean logScale, boolean rowMoments) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null; use NpeConfig.defaults()");
        }
        if (summary != null && config.estimator().flowType() == null) {
            throw new IllegalArgumentException("a summary network is trained end to end through a flow; estimator "
                    + config.estimator().label() + " is not one (use maf, nsf or coupling)");
        }
        if (summary != null && config.flow().members() > 1) {
            throw new IllegalArgumentException("a summary network is trained with one flow; an ensemble of "
                    + config.flow().members() + " flows is not available with it (use 1 member)");
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null; use TrainingListener.NONE");
        }
        this.config = config;
        this.invalidPolicy = invalidPolicy;
        this.checkpoints = checkpoints;
        this.listener = listener;
        this.summary = summary;
        this.campaignKey = campaignKey;
        this.start = start;
        this.screen = screen;
        this.logScale = logScale;
        this.rowMoments = rowMoments;
    }

    /** The same settings with another configuration (a candidate of {@link DefaultNpe}). */
    public Npe withConfig(NpeConfig other) {
        return new Npe(other, invalidPolicy, checkpoints, listener, summary, campaignKey, start, screen,
                logScale, rowMoments);
    }

    /**
     * The same trainer, conditioning the flow on a summary network S(x) trained with it end to end (DeepSets for a
     * task whose x is an i.i.d. set, a 1-D convolutional network for a raw series; the task's
     * {@link Task#dataLayout()} says which it is). Needs a flow estimator; null removes the summary network.
     */
    public Npe withSummary(SummaryConfig summaryConfig) {
        return new Npe(config, invalidPolicy, checkpoints, listener, summaryConfig, campaignKey, start, screen,
                logScale, rowMoments);
    }

    /** The same trainer, telling {@code l} how training goes; throwing from it aborts training (tests crash so). */
    @Override
    public Npe withListener(TrainingListener l) {
        return new Npe(config, invalidPolicy, checkpoints, l, summary, campaignKey, start, screen, logScale,
                rowMoments);
    }

    /** The same trainer, dropping (the default) or refusing simulations with non-finite x. */
    public Npe withInvalidSimulations(InvalidSimulations policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must be DROP or FAIL, got null");
        }
        return new Npe(config, policy, checkpoints, listener, summary, campaignKey, start, screen, logScale,
                rowMoments);
    }

    /**
     * The same trainer, saving simulations and per-epoch checkpoints in {@code directory} (created if needed) and
     * resuming from them.
     */
    public Npe withCheckpoints(Path directory) {
        return new Npe(config, invalidPolicy, directory, listener, summary, DEFAULT_KEY, start, screen,
                logScale, rowMoments);
    }

    /**
     * As {@link #withCheckpoints(Path)}, the saved simulations also bound to {@code key}, what besides the task and
     * budget fixes them (the seed: "seed 7"): a rerun with another key is refused rather than mixing the batches of
     * two seeds. The command line passes its seed; without a key, one directory must serve one seed.
     */
    public Npe withCheckpoints(Path directory, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a checkpoint key must be non-blank, such as \"seed 7\", got " + key);
        }
        return new Npe(config, invalidPolicy, directory, listener, summary, key, start, screen, logScale, rowMoments);
    }

    /**
     * The same trainer, its fits continuing from {@code previous} instead of a fresh initialisation, as sbi's
     * sequential methods do by default in their later rounds ({@code retrain_from_scratch=False}): the network
     * starts from previous's weights and the pairs are z-scored with previous's standardisation (the weights mean
     * what they did only in those units), while the held-out split, a fresh Adam state and early stopping are as
     * usual. Previous must have this configuration (its schedule aside) and be the MDN or a single flow without a summary network (the
     * estimators whose weights carry over as they are); null trains from scratch again.
     */
    public Npe startingFrom(NpePosterior previous) {
        if (previous != null) {
            requireWarmStartable(previous, config, summary);
        }
        return new Npe(config, invalidPolicy, checkpoints, listener, summary, campaignKey, previous, screen,
                logScale, rowMoments);
    }

    /**
     * The fit that training on {@code task} continues from, or null; checked again here, since a later
     * {@link #withConfig} or {@link #withSummary} may have changed what it has to match.
     */
    NpePosterior start(Task task) {
        if (start == null) {
            return null;
        }
        requireWarmStartable(start, config, summary);
        if (start.parameterDim() != task.parameterDim() || start.task().dataDim() != task.dataDim()) {
            throw new IllegalArgumentException("a warm start needs a fit on the same dimensions: the previous fit has "
                    + start.parameterDim() + " parameters and " + start.task().dataDim() + " data values, task "
                    + task.name() + " " + task.parameterDim() + " and " + task.dataDim());
        }
        return start;
    }

    private static void requireWarmStartable(NpePosterior previous, NpeConfig config, SummaryConfig summary) {
        // the schedule (epochs, learning rate...) may differ; the network and the handling of θ may not
        if (!previous.config().withSchedule(config.schedule()).equals(config)) {
            throw new IllegalArgumentException("a warm start needs the same configuration but for its schedule: the"
                    + " previous fit is " + previous.config() + ", this trainer " + config);
        }
        if (summary != null || config.estimator() == Estimator.FMPE
                || (config.flow() != null && config.flow().members() > 1)) {
            throw new IllegalArgumentException("a warm start is available for the MDN and a single flow without a"
                    + " summary network, not " + config.label() + (summary == null ? "" : " with a summary network"));
        }
    }

    /**
     * The same trainer, ignoring the columns of x that show no dependence on θ in the training pairs
     * ({@link dev.amortizer.training.DataScreen}; recorded in the posterior's standardisation and model file), or
     * reading every column (false, the default for a single estimator; {@link DefaultNpe} screens). Only where the
     * estimator reads the standardised x itself: not with a summary network, a warm start (which keeps the earlier
     * fit's units) or streamed training.
     */
    public Npe withDataScreen(boolean on) {
        return new Npe(config, invalidPolicy, checkpoints, listener, summary, campaignKey, start, on, logScale,
                rowMoments);
    }

    /** Whether training ignores the columns of x that show no dependence on θ ({@link #withDataScreen}). */
    public boolean screensData() {
        return screen;
    }

    /**
     * The same trainer, reading on the log scale the columns of x that are positive in every pair and spread over
     * decades ({@link dev.amortizer.training.LogScale}; recorded in the posterior's standardisation and model file,
     * and an observation with a value ≤ 0 there refused), or every column as it is (false, the default for a single
     * estimator; {@link DefaultNpe} logs). Columns the task's data support says may be negative are read as they are.
     * Not with a summary network or streamed training; a warm start keeps the earlier fit's columns, and refuses new
     * pairs it cannot read.
     */
    public Npe withLogScale(boolean on) {
        return new Npe(config, invalidPolicy, checkpoints, listener, summary, campaignKey, start, screen, on,
                rowMoments);
    }

    /** Whether training reads positive columns spread over decades on the log scale ({@link #withLogScale}). */
    public boolean logScalesData() {
        return logScale;
    }

    /**
     * The same trainer, reading a task's declared exchangeable rows ({@link dev.amortizer.task.RowsLayout}; read in
     * canonical order) followed by their mean and covariance ({@link dev.amortizer.task.RowsLayout#moments}; recorded
     * in the posterior's standardisation and model file, and computed from every observation), or the ordered rows
     * alone (false, the default for a single estimator; {@link DefaultNpe} reads the moments). Only rows of up to
     * {@value dev.amortizer.task.RowsLayout#MOMENTS_MAX_WIDTH} values, and where the rows are ordered: not with a
     * summary network or streamed training; a warm start keeps the earlier fit's columns.
     */
    public Npe withRowMoments(boolean on) {
        return new Npe(config, invalidPolicy, checkpoints, listener, summary, campaignKey, start, screen, logScale, on);
    }

    /** Whether declared exchangeable rows are followed by their mean and covariance ({@link #withRowMoments}). */
    public boolean readsRowMoments() {
        return rowMoments;
    }

    public NpeConfig config() {
        return config;
    }

    /** Whether training continues from an earlier fit ({@link #startingFrom}). */
    boolean hasStart() {
        return start != null;
    }

    /** The summary network's architecture, or null when the estimator sees x itself. */
    public SummaryConfig summary() {
        return summary;
    }

    InvalidSimulations invalidPolicy() {
        return invalidPolicy;
    }

    /** The checkpoint directory, or null. */
    Path checkpoints() {
        return checkpoints;
    }

    String campaignKey() {
        return campaignKey;
    }

    TrainingListener listener() {
        return listener;
    }

    /** "npe-" and the estimator, e.g. "npe-mdn", then the summary network if any, e.g. "npe-maf-deepsets". */
    @Override
    public String name() {
        return "npe-" + config.estimator().name().toLowerCase(Locale.ROOT)
                + (summary == null ? "" : "-" + summary.type().label());
    }

    /** Simulates {@code numSimulations} pairs from the task's prior and simulator, then trains on them. */
    @Override
    public NpePosterior train(Task task, int numSimulations, Rng rng, CostMeter meter) {
        return NpeTraining.train(List.of(this), NpeTraining.LOWEST_VALIDATION_LOSS, task, numSimulations, rng, meter);
    }

    /**
     * Trains on pairs simulated elsewhere: {@code amortizer simulate}'s files, or any θ and x with matching rows
     * (sbi's {@code append_simulations}). {@code rng} is used exactly as {@link #train(Task, int, Rng, CostMeter)}
     * uses it once its {@link SimulationCampaign} is done: the campaign's batch generators are split off first and
     * left unused. So pairs that a campaign drew from {@code Rng.seeded(s)} (as {@code amortizer simulate --seed s}
     * does) give the same model as {@code train} with {@code Rng.seeded(s)}. The pairs' simulation cost is not known
     * here: the ledger counts them as simulator calls, with no time. {@code files} names the files they were read
     * from, for the model's provenance; rows with NaN or ±∞ x are counted as {@link FailureCounts#NON_FINITE}.
     */
    public NpePosterior train(Task task, double[][] theta, double[][] x, List<SimulationSource.SourceFile> files,
                              Rng rng, CostMeter meter) {
        return NpeTraining.train(List.of(this), NpeTraining.LOWEST_VALIDATION_LOSS, task, theta, x, files, rng, meter);
    }

    /**
     * Simulates {@code numSimulations} pairs (those {@link #train(Task, int, Rng, CostMeter)} draws) into
     * {@code directory} in chunks of {@code chunkRows} rows, then trains on them streamed back, so memory holds a few
     * chunks and the held-out rows rather than every pair. The MDN and the flows (maf, nsf, coupling; ensembles,
     * truncation, the linear shift), without a summary network, checkpoints or a warm start; the model differs from
     * the in-memory one (another held-out rule and minibatch order).
     */
    public NpePosterior trainStreamed(Task task, int numSimulations, int chunkRows, Path directory, Rng rng,
                                      CostMeter meter) throws java.io.IOException {
        return NpeStreaming.train(List.of(this), task, numSimulations, chunkRows, directory, rng, meter);
    }

    /** Trains on pairs the caller simulated: row i of {@code theta} produced row i of {@code x}. */
    public NpePosterior fit(Task task, Samples theta, Samples x, Rng rng, CostMeter meter) {
        if (theta.dim() != task.parameterDim()) {
            throw new IllegalArgumentException("theta has " + theta.dim() + " columns " + theta.names() + "; task "
                    + task.name() + " has " + task.parameterDim() + " parameters " + task.parameterNames());
        }
        if (x.dim() != task.dataDim()) {
            throw new IllegalArgumentException("x has " + x.dim() + " columns " + x.names() + "; task "
                    + task.name() + " has " + task.dataDim() + " data columns " + task.dataNames());
        }
        if (theta.size() != x.size()) {
            throw new IllegalArgumentException("theta has " + theta.size() + " rows but x has " + x.size()
                    + "; expected one x row per θ row");
        }
        return NpeFit.fit(this, task, new TrainingSimulations(theta.toArray(), x.toArray()), rng.split(),
                new CostMeter(), meter);
    }
}
