package dev.amortizer.npe;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.bijection.Bijection;
import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Neural posterior estimation: simulate pairs (θ_i, x_i) from the prior and simulator, then fit a conditional
 * density q(θ | x) — a mixture density network or a normalising flow ({@link Estimator}) — by minimising
 * −(1/n) Σ_i log q(θ_i | x_i). θ is first mapped to R^D by the prior's {@link Bijection}, then θ and x are z-scored.
 * Pairs whose x is NaN or infinite are dropped and counted (or refused: {@link InvalidSimulations}); 10% (by
 * default) are held out for early stopping.
 *
 * <p>Pairs are drawn by a {@link SimulationCampaign}. With {@link #withCheckpoints(Path)}, its batches are saved as
 * they complete (in {@code simulations/}) and training writes a checkpoint after
 * every epoch; training again with the same directory, task, budget, configuration and seed resumes where a crashed
 * run stopped and ends with the same weights, and with a ledger that counts the simulations and the training of
 * every process, not only the last one's.
 *
 * <p>{@code NpePosterior q = new Npe(NpeConfig.defaults()).train(task, 10_000, Rng.seeded(1), meter);}
 *
 * <p>Costs go to the meter given: {@link Phase#SIMULATION} (wall, CPU, simulator calls) and
 * {@link Phase#TRAINING} (wall, CPU, forward passes); the posterior carries the same ledger.
 * A progress bar on stderr shows epochs and the validation loss when the JVM has a console, or when
 * asked for with {@link #withProgressBar}.
 *
 * @see <a href="https://arxiv.org/abs/1605.06376">Papamakarios &amp; Murray 2016, Fast ε-free inference of
 *     simulation models with Bayesian conditional density estimation</a>
 */
public final class Npe implements Amortiser {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Npe.class);
    /** Where a checkpoint directory keeps the simulation campaign's batches. */
    static final String CAMPAIGN_DIR = "simulations";
    /** Earlier versions' single file of simulations, still read. */
    static final String SIMULATIONS_FILE = "simulations.bin";
    static final String CHECKPOINT_FILE = "checkpoint.bin";

    private final NpeConfig config;
    private final boolean progressBar;
    private final InvalidSimulations invalidPolicy;
    private final Path checkpoints;
    private final EpochListener listener;
    private final SummaryConfig summary;
    private final List<NpeConfig> alternatives;
    /** What besides task and budget fixes the simulations in a checkpoint directory, such as "seed 7". */
    private final String campaignKey;
    private static final String DEFAULT_KEY = "npe";

    public Npe(NpeConfig config) {
        this(config, System.console() != null, InvalidSimulations.DROP, null, null, null, List.of(), DEFAULT_KEY);
    }

    private Npe(NpeConfig config, boolean progressBar, InvalidSimulations invalidPolicy, Path checkpoints,
                EpochListener listener, SummaryConfig summary, List<NpeConfig> alternatives, String campaignKey) {
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
        this.config = config;
        this.progressBar = progressBar;
        this.invalidPolicy = invalidPolicy;
        this.checkpoints = checkpoints;
        this.listener = listener;
        this.summary = summary;
        this.alternatives = List.copyOf(alternatives);
        this.campaignKey = campaignKey;
    }

    /**
     * NPE with the measured default for the task ({@link #defaultCandidates}): the first candidate, with the others as
     * {@link #withAlternative alternatives}, keeping whichever has the lowest validation loss.
     */
    public static Npe withDefaultsFor(Task task) {
        List<NpeConfig> candidates = defaultCandidates(task);
        Npe npe = new Npe(candidates.get(0));
        for (NpeConfig other : candidates.subList(1, candidates.size())) {
            npe = npe.withAlternative(other);
        }
        return npe;
    }

    /**
     * The configurations the default fits for a task, first the primary. Up to {@value NpeConfig#MDN_MAX_DEFAULT_DIM}
     * parameters, the MDN alone. Above it, the spline flow learning the bijection's u, the affine coupling flow
     * (likewise) and, when the prior is bounded anywhere, the spline flow learning θ itself with truncation to the
     * support, as an ensemble of five ({@link #truncatedSpline()}), and last the affine coupling flow after a linear
     * shift of u on x ({@link #shiftedCoupling()}). results/npe-estimators.md: the spline flow is the only estimator
     * that resolves slcp's modes, and overfits gaussian_linear, where the affine flow does well; on
     * gaussian_linear_uniform, whose posteriors press against the box, the logit map turns edges into long tails and
     * learning θ itself does better. The validation loss, in θ's own units for all of them, ranked the candidates as
     * C2ST did, with one exception recorded there.
     */
    public static List<NpeConfig> defaultCandidates(Task task) {
        int d = task.parameterDim();
        if (d <= NpeConfig.MDN_MAX_DEFAULT_DIM) {
            return List.of(NpeConfig.defaultsFor(d));
        }
        List<NpeConfig> candidates = new java.util.ArrayList<>(List.of(NpeConfig.defaults(Estimator.NSF),
                NpeConfig.defaults(Estimator.COUPLING)));
        if (isBoundedAnywhere(task.prior().support())) {
            candidates.add(truncatedSpline());
        }
        candidates.add(shiftedCoupling());
        return List.copyOf(candidates);
    }

    /**
     * The affine coupling flow with its defaults after a linear shift of u on x (least squares, then trained). Where
     * the posterior's location moves linearly with x the flow is left a nearly x-free residual: on gaussian_linear
     * the spline flow so shifted scored 0.501 / 0.502 / 0.504 on observations 1–3, against the unshifted coupling
     * flow's 0.536 / 0.523 / 0.550, and the coupling flow so shifted reached the same validation loss (−0.748 against
     * −0.744) at a third of the spline flow's query cost (results/npe-estimators.md). Where the prior's box cuts the
     * posterior, the cut moves with x after the shift, and this candidate loses (gaussian_linear_uniform, spline flow
     * with truncation: validation loss 1.44 against 0.38 unshifted).
     */
    public static NpeConfig shiftedCoupling() {
        NpeConfig coupling = NpeConfig.defaults(Estimator.COUPLING);
        return coupling.withFlow(coupling.flow().withLinearShift(true));
    }

    /**
     * An ensemble of {@value #TRUNCATED_SPLINE_MEMBERS} spline flows with their defaults, learning θ itself and
     * truncated to the support. One such flow overfits gaussian_linear_uniform's 10⁴ pairs within 20 epochs; the
     * equal mixture of five trained on the same pairs scored 0.540 / 0.534 on observations 1–2 against its first
     * member's 0.560 / 0.565 (results/npe-estimators.md).
     */
    public static NpeConfig truncatedSpline() {
        NpeConfig nsf = NpeConfig.defaults(Estimator.NSF);
        return nsf.withFlow(nsf.flow().withMembers(TRUNCATED_SPLINE_MEMBERS)).withSupport(SupportHandling.TRUNCATION);
    }

    /** Flows in the default's truncated spline ensemble. */
    public static final int TRUNCATED_SPLINE_MEMBERS = 5;

    private static boolean isBoundedAnywhere(dev.amortizer.task.Support support) {
        for (int i = 0; i < support.dim(); i++) {
            if (Double.isFinite(support.lower(i)) || Double.isFinite(support.upper(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same trainer, also fitting {@code other} on the same simulations and keeping whichever of the candidates
     * has the lowest validation loss (each on its own random 10% held out). The losses are −log q(θ | x) in θ's own
     * units whatever the support handling (a bijection's log-det is included), so candidates that learn θ and
     * candidates that learn a bijection's u compare; the fixed cost includes every candidate's training.
     * Checkpoints of an alternative go to a subdirectory named after its estimator (and its support handling unless
     * that is the bijection, e.g. {@code nsf-truncation}).
     */
    public Npe withAlternative(NpeConfig other) {
        if (other == null) {
            throw new IllegalArgumentException("an alternative configuration must not be null");
        }
        List<NpeConfig> all = new java.util.ArrayList<>(alternatives);
        all.add(other);
        return new Npe(config, progressBar, invalidPolicy, checkpoints, listener, summary, all, campaignKey);
    }

    /**
     * The same trainer, conditioning the flow on a summary network S(x) trained with it end to end (DeepSets for a
     * task whose x is an i.i.d. set, a 1-D convolutional network for a raw series; the task's
     * {@link Task#dataLayout()} says which it is). Needs a flow estimator; null removes the summary network.
     */
    public Npe withSummary(SummaryConfig summaryConfig) {
        return new Npe(config, progressBar, invalidPolicy, checkpoints, listener, summaryConfig, alternatives,
                campaignKey);
    }

    /** The summary network's architecture, or null when the estimator sees x itself. */
    public SummaryConfig summary() {
        return summary;
    }

    /** The same trainer, with the progress bar forced on or off. */
    public Npe withProgressBar(boolean show) {
        return new Npe(config, show, invalidPolicy, checkpoints, listener, summary, alternatives, campaignKey);
    }

    /** The same trainer, dropping (the default) or refusing simulations with non-finite x. */
    public Npe withInvalidSimulations(InvalidSimulations policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must be DROP or FAIL, got null");
        }
        return new Npe(config, progressBar, policy, checkpoints, listener, summary, alternatives, campaignKey);
    }

    /**
     * The same trainer, saving simulations and per-epoch checkpoints in {@code directory} (created if needed) and
     * resuming from them.
     */
    public Npe withCheckpoints(Path directory) {
        return new Npe(config, progressBar, invalidPolicy, directory, listener, summary, alternatives, DEFAULT_KEY);
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
        return new Npe(config, progressBar, invalidPolicy, directory, listener, summary, alternatives, key);
    }

    /** The same trainer, calling {@code l} after every epoch. */
    Npe withEpochListener(EpochListener l) {
        return new Npe(config, progressBar, invalidPolicy, checkpoints, l, summary, alternatives, campaignKey);
    }

    public NpeConfig config() {
        return config;
    }

    /** "npe-" and the estimator, e.g. "npe-mdn", then the summary network if any, e.g. "npe-maf-deepsets". */
    @Override
    public String name() {
        return "npe-" + config.estimator().name().toLowerCase(java.util.Locale.ROOT)
                + (summary == null ? "" : "-" + summary.type().label());
    }

    /** Simulates {@code numSimulations} pairs from the task's prior and simulator, then trains on them. */
    @Override
    @SuppressWarnings("try") // the timer only needs closing
    public NpePosterior train(Task task, int numSimulations, Rng rng, CostMeter meter) {
        if (numSimulations < 2) {
            throw new IllegalArgumentException("numSimulations must be >= 2, got " + numSimulations);
        }
        CostMeter run = new CostMeter();
        // a checkpoint directory of an earlier version holds one file of simulations; the campaign's generators
        // are split all the same, so training goes on exactly as that version's would
        SimulationStore legacy = checkpoints == null ? null
                : new SimulationStore(checkpoints.resolve(SIMULATIONS_FILE), task, numSimulations);
        SimulationStore.Saved saved = legacy == null ? null : legacy.load();
        if (saved != null) {
            rng.split(SimulationCampaign.batches(numSimulations));
            // the simulations were paid for by the run that saved them: the ledger still counts them
            run.add(Phase.SIMULATION, saved.cost());
            run.countSimulations(Phase.SIMULATION, numSimulations);
            return fitCandidates(task, saved.theta(), saved.x(), rng, run, meter);
        }
        SimulationCampaign campaign = checkpoints == null ? SimulationCampaign.inMemory()
                : SimulationCampaign.in(checkpoints.resolve(CAMPAIGN_DIR), campaignKey);
        SimulationCampaign.Result sims = campaign.run(task, numSimulations, rng, run);
        return fitCandidates(task, sims.theta(), sims.x(), rng, run, meter)
                .withSource(SimulationSource.simulated(sims.failures()));
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
        if (theta == null || x == null || theta.length != x.length || theta.length < 2) {
            throw new IllegalArgumentException("training pairs need as many θ rows as x rows, at least 2, got "
                    + (theta == null ? "none" : theta.length) + " and " + (x == null ? "none" : x.length));
        }
        for (int i = 0; i < theta.length; i++) {
            if (theta[i] == null || theta[i].length != task.parameterDim() || x[i] == null
                    || x[i].length != task.dataDim()) {
                throw new IllegalArgumentException("training pair " + (i + 1) + " has "
                        + (theta[i] == null ? 0 : theta[i].length) + " θ and " + (x[i] == null ? 0 : x[i].length)
                        + " x values; task " + task.name() + " has " + task.parameterDim() + " and "
                        + task.dataDim());
            }
        }
        rng.split(SimulationCampaign.batches(theta.length));
        CostMeter run = new CostMeter();
        run.countSimulations(Phase.SIMULATION, theta.length);
        long failed = Arrays.stream(x).filter(row -> !Arrays.stream(row).allMatch(Double::isFinite)).count();
        FailureCounts failures = FailureCounts.of(FailureCounts.NON_FINITE, failed);
        return fitCandidates(task, theta, x, rng, run, meter).withSource(files == null || files.isEmpty()
                ? SimulationSource.simulated(failures) : SimulationSource.files(files, failures));
    }

    /** Fits this configuration and every alternative on the same pairs, each with its own split generator. */
    private NpePosterior fitCandidates(Task task, double[][] theta, double[][] x, Rng rng, CostMeter run,
                                       CostMeter meter) {
        if (alternatives.isEmpty()) {
            return fit(task, theta, x, rng.split(), run, meter);
        }
        CostMeter counted = new CostMeter(); // each fit adds the running ledger; the total is added once below
        NpePosterior best = fit(task, theta, x, rng.split(), run, counted);
        java.util.Map<String, Double> losses = new java.util.LinkedHashMap<>();
        losses.put(config.label(), best.provenance().validationLoss());
        for (NpeConfig other : alternatives) {
            Path dir = checkpoints == null ? null : checkpoints.resolve(other.label());
            if (dir != null) {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create checkpoint directory " + dir, e);
                }
            }
            NpePosterior q = new Npe(other, progressBar, invalidPolicy, dir, listener, summary, List.of(), campaignKey)
                    .fit(task, theta, x, rng.split(), run, counted);
            losses.put(other.label(), q.provenance().validationLoss());
            if (q.provenance().validationLoss() < best.provenance().validationLoss()) {
                best = q;
            }
        }
        LOG.info("kept {} of {} candidates: validation losses (θ's units) {}", best.config().label(),
                losses.size(), losses);
        meter.add(run.ledger());
        return NpePosterior.of(task, best.config(), best.standardization(), best.bijection(), best.provenance(),
                run.ledger(), best.density());
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
        return fit(task, theta.toArray(), x.toArray(), rng.split(), new CostMeter(), meter);
    }

    @SuppressWarnings("try")
    private NpePosterior fit(Task task, double[][] theta, double[][] x, Rng rng, CostMeter run, CostMeter meter) {
        NpePosterior q;
        CarriedCost carried = new CarriedCost();
        try (var timer = run.start(Phase.TRAINING)) {
            q = fitTimed(task, theta, x, rng, run, carried);
        }
        run.add(Phase.TRAINING, carried.earlier()); // what earlier processes spent on the checkpoints resumed
        meter.add(run.ledger());
        return NpePosterior.of(task, config, q.standardization(), q.bijection(), q.provenance(), run.ledger(),
                q.density());
    }

    private NpePosterior fitTimed(Task task, double[][] theta, double[][] x, Rng rng, CostMeter run,
                                  CarriedCost carried) {
        DataLayout dataLayout = summary == null ? null : task.dataLayout().orElseThrow(() -> new IllegalArgumentException(
                "task " + task.name() + " has a plain vector x (no data layout), so a " + summary.type().label()
                        + " summary network cannot read it; train without a summary network"));
        int[] valid = validRows(task, theta, x);
        int invalid = theta.length - valid.length;
        if (invalid > 0 && invalidPolicy == InvalidSimulations.FAIL) {
            throw new IllegalArgumentException(invalid + " of " + theta.length + " simulations have NaN or infinite x"
                    + " (the first is pair " + (firstInvalid(valid) + 1) + "), and the policy is FAIL");
        }
        int validation = (int) Math.max(1, Math.round(config.validationFraction() * valid.length));
        if (valid.length - validation < 1) {
            throw new IllegalArgumentException("need at least 2 pairs with finite x to train and validate, got "
                    + valid.length + " (" + invalid + " of " + theta.length + " dropped for NaN or infinite x)");
        }
        Bijection bijection = config.support() == SupportHandling.BIJECTION
                ? Bijection.forSupport(task.prior().support()) : null;
        double[][] u = new double[theta.length][];
        for (int i : valid) {
            u[i] = bijection == null ? theta[i] : bijection.inverse(theta[i]);
        }
        Standardization s = Standardization.fit(u, x, valid);
        if (summary != null) {
            s = s.withIdentityX(); // the summary network scales its raw input itself, respecting its structure
        }
        rng.shuffle(valid);
        int[] trainRows = Arrays.copyOfRange(valid, validation, valid.length);
        int[] heldRows = Arrays.copyOfRange(valid, 0, validation);
        long seed = rng.nextLong();
        Rng shuffle = rng.split();
        int epochs;
        int bestEpoch;
        double bestLoss;
        StandardizedDensity density;
        Path checkpoint = checkpoints == null ? null : checkpoints.resolve(CHECKPOINT_FILE);
        long fingerprint = java.util.Objects.hash(task.name(), theta.length, invalid, config, seed,
                Arrays.deepHashCode(theta));
        if (summary != null) {
            fingerprint = 31 * fingerprint + summary.hashCode();
            SummaryTrainer.Result r = SummaryTrainer.train(config, summary, dataLayout, rows(s, u, x, trainRows),
                    rows(s, u, x, heldRows), s.logThetaScale(), seed, shuffle, progressBar, checkpoint, fingerprint,
                    listener, carried);
            density = new SummarizedDensity(r.summary(), r.flow());
            epochs = r.epochs();
            bestEpoch = r.bestEpoch();
            bestLoss = r.bestValidationLoss();
        } else if (config.estimator() == Estimator.MDN) {
            MixtureLayout layout = new MixtureLayout(config.components(), task.parameterDim());
            MdnTrainer.Result r = MdnTrainer.train(config, layout, pairs(s, u, x, trainRows), pairs(s, u, x, heldRows),
                    s.logThetaScale(), seed, shuffle, progressBar, checkpoint, fingerprint, listener, carried);
            density = MdnDensity.of(config, task.parameterDim(), task.dataDim(), r.network());
            epochs = r.epochs();
            bestEpoch = r.bestEpoch();
            bestLoss = r.bestValidationLoss();
        } else {
            FlowFit f = fitFlows(rows(s, u, x, trainRows), rows(s, u, x, heldRows), s.logThetaScale(), seed, shuffle,
                    checkpoint, fingerprint, carried);
            density = f.density();
            epochs = f.epochs();
            bestEpoch = f.bestEpoch();
            bestLoss = f.bestLoss();
        }
        run.countForwardPasses(Phase.TRAINING, (long) epochs * valid.length);
        NpeProvenance provenance = new NpeProvenance(seed, theta.length, invalid, epochs, bestEpoch,
                bestLoss + meanLogDet(bijection, u, heldRows), NpeProvenance.currentLibraryVersion());
        return NpePosterior.of(task, config, s, bijection, provenance, run.ledger(), density);
    }

    /** A trained flow or ensemble: epochs summed over the members, the loss the mixture's in θ's units. */
    private record FlowFit(StandardizedDensity density, int epochs, int bestEpoch, double bestLoss) {
    }

    /**
     * One flow, or an ensemble of {@code config.flow().members()}: the first member is trained exactly as a single
     * flow would be; member k ≥ 2 takes its weights' seed and shuffles from split k − 1 of {@code Rng.seeded(seed)}
     * and checkpoints to {@code member-k-checkpoint.bin} beside the first, so a crash in any member resumes.
     */
    private FlowFit fitFlows(FlowTrainer.Rows training, FlowTrainer.Rows held, double logScale, long seed, Rng shuffle,
                             Path checkpoint, long fingerprint, CarriedCost carried) {
        FlowTrainer.Result first = FlowTrainer.train(config, training, held, logScale, seed, shuffle, progressBar,
                checkpoint, fingerprint, listener, carried);
        int members = config.flow().members();
        if (members == 1) {
            return new FlowFit(new FlowDensity(first.flow()), first.epochs(), first.bestEpoch(),
                    first.bestValidationLoss());
        }
        List<ConditionalFlow> flows = new java.util.ArrayList<>(List.of(first.flow()));
        int epochs = first.epochs();
        Rng[] memberRngs = Rng.seeded(seed).split(members - 1);
        for (int k = 2; k <= members; k++) {
            Rng r = memberRngs[k - 2];
            Path memberCheckpoint = checkpoint == null ? null
                    : checkpoint.resolveSibling("member-" + k + "-" + CHECKPOINT_FILE);
            FlowTrainer.Result m = FlowTrainer.train(config, training, held, logScale, r.nextLong(), r.split(),
                    progressBar, memberCheckpoint, fingerprint + k - 1, listener, carried);
            flows.add(m.flow());
            epochs += m.epochs();
        }
        FlowEnsembleDensity ensemble = new FlowEnsembleDensity(flows);
        return new FlowFit(ensemble, epochs, first.bestEpoch(),
                FlowTrainer.validationLoss(ensemble::logProb, held) + logScale);
    }

    /**
     * Mean log |det ∂θ/∂u| over the held-out rows: added to a loss in u's units, it gives −log q(θ | x) in θ's own
     * units, so that estimators learning θ and estimators learning u = T⁻¹(θ) compare.
     */
    private static double meanLogDet(Bijection bijection, double[][] u, int[] rows) {
        if (bijection == null) {
            return 0;
        }
        double sum = 0;
        for (int row : rows) {
            sum += bijection.logAbsDetJacobian(u[row]);
        }
        return sum / rows.length;
    }

    private static int firstInvalid(int[] valid) {
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] != i) {
                return i;
            }
        }
        return valid.length;
    }

    private static FlowTrainer.Rows rows(Standardization s, double[][] u, double[][] x, int[] rows) {
        double[][] z = new double[rows.length][];
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            z[i] = s.standardizeTheta(u[rows[i]]);
            c[i] = s.standardizeX(x[rows[i]]);
        }
        return new FlowTrainer.Rows(z, c);
    }

    /** Indices of the pairs with finite x; a non-finite θ or a row of the wrong length is the caller's error. */
    private static int[] validRows(Task task, double[][] theta, double[][] x) {
        int[] keep = new int[theta.length];
        int n = 0;
        for (int i = 0; i < theta.length; i++) {
            if (theta[i].length != task.parameterDim() || x[i].length != task.dataDim()) {
                throw new IllegalArgumentException("pair " + (i + 1) + " has " + theta[i].length + " θ and "
                        + x[i].length + " x values; task " + task.name() + " has " + task.parameterDim() + " and "
                        + task.dataDim());
            }
            for (double v : theta[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("theta row " + (i + 1) + " holds " + v
                            + "; parameters must be finite (only x may hold failed simulations)");
                }
            }
            boolean finite = true;
            for (double v : x[i]) {
                finite &= Double.isFinite(v);
            }
            if (finite) {
                keep[n++] = i;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    private static MdnTrainer.Pairs pairs(Standardization s, double[][] theta, double[][] x, int[] rows) {
        MdnTrainer.Pairs p = new MdnTrainer.Pairs(rows.length, x[rows[0]].length, theta[rows[0]].length);
        for (int i = 0; i < rows.length; i++) {
            p.set(i, s.standardizeX(x[rows[i]]), s.standardizeTheta(theta[rows[i]]));
        }
        return p;
    }
}
