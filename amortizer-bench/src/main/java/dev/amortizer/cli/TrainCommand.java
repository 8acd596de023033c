package dev.amortizer.cli;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.bench.TrainingProgressBars;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Quoted;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.model.ModelFile;
import dev.amortizer.nle.Nle;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.nre.Nre;
import dev.amortizer.nre.NreConfig;
import dev.amortizer.nre.NreLoss;
import dev.amortizer.point.PointConfig;
import dev.amortizer.point.PointEstimation;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.summary.SummaryType;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Task;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.TrainingSchedule;
import dev.amortizer.training.stream.StreamedPairs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amortizer train}: simulate, train an amortiser and save it as one model file.
 *
 * <p>Over 300 lines because one command's options and their checks belong together, as for every picocli command.
 */
@Command(name = "train", description = "Train an amortiser on simulations and save it.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TaskOption taskOption;
    @Option(names = "--method", defaultValue = "npe", description = "amortiser: npe, nle (learned likelihood, MCMC"
            + " per query), nre (learned ratio, MCMC per query) or point (mean, median and quantiles)"
            + " (default: ${DEFAULT-VALUE})")
    String method;
    @Option(names = "--estimator", description = "density estimator: mdn, maf, nsf, coupling or fmpe (flow"
            + " matching; npe only), or across (npe only: the default's candidates with nsf, a truncated nsf ensemble"
            + " and fmpe, keeping the lowest -log q on 10%% of the pairs none of them trained on) (defaults: for npe"
            + " mdn up to 3 parameters; above, nsf, coupling (5 of them for an unbounded prior), for a bounded prior"
            + " 5 nsf on θ truncated to it, and"
            + " coupling after a linear shift on x, all fitted, keeping the lowest validation loss; maf for nle, which"
            + " takes flows only)")
    String estimator;
    @Option(names = "--loss", description = "nre's contrastive loss: b (NRE-B) or c (NRE-C) (default: b)")
    String loss;
    @Mixin
    NetworkOptions network;
    @Mixin
    BackendOption backend;
    @Option(names = "--checkpoints", description = "directory for the simulations and per-epoch checkpoints;"
            + " training again with the same directory resumes a crashed run")
    Path checkpoints;
    @Option(names = "--invalid", defaultValue = "drop", description = "simulations with NaN or infinite x: drop"
            + " (count and report them) or fail (default: ${DEFAULT-VALUE})")
    String invalid;
    @Option(names = "--data-screen", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "npe: ignore the x columns that show no dependence on θ in the training pairs (a test of"
                    + " each column against a quadratic in θ; not with --summary or streamed training; default: on)")
    boolean dataScreen;
    @Option(names = "--log-scale", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "npe: read on the log scale the x columns positive in every pair that a log-normal fits"
                    + " better than a normal (quantities spread over decades; not with --summary or streamed"
                    + " training; default: on)")
    boolean logScale;
    @Option(names = "--exchangeable-rows", paramLabel = "W", description = "npe: x is rows of W values whose order"
            + " carries nothing about θ (i.i.d. replicates): read every x with its rows in canonical order, as a task"
            + " or task spec declaring them would be (slcp does; not with --summary or streamed training); 0 reads x"
            + " as given where the task declares rows")
    Integer exchangeableRows;
    @Option(names = "--row-moments", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "npe: where x is read as exchangeable rows (--exchangeable-rows, or declared by the task:"
                    + " slcp) of at most 10 values, follow them with their mean and covariance, which the model"
                    + " computes from every observation (not with --summary or streamed training, which read x as"
                    + " given); --no-row-moments reads the ordered rows alone (default: on)")
    boolean rowMoments;
    @Option(names = "--symmetry", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "npe: where the task or task spec declares reflections of θ that change neither prior nor"
                    + " likelihood (two_moons, slcp; \"parameterSymmetry\" in a spec), train on θ folded by them"
                    + " and symmetrise the posterior; --no-symmetry fits θ as given (default: on)")
    boolean symmetry;
    @Option(names = "--summary", description = "summary network trained end to end with the flow: deepsets (tasks"
            + " whose x is an i.i.d. set, such as gaussian_linear_iid) or conv (raw series, such as noisy_signal);"
            + " needs a flow estimator (default estimator then: maf)")
    String summary;
    @Option(names = "--summary-dim", description = "length of the learned summary (default: 20 deepsets, 8 conv)")
    Integer summaryDim;
    @Option(names = "--summary-inner", split = ",", description = "deepsets: widths of the per-row network φ, the"
            + " last being the pooled features (default: 64,64); conv: channels of each convolution (default: 8,16)")
    java.util.List<Integer> summaryInner;
    @Option(names = "--summary-head", split = ",", description = "hidden widths of the head after pooling"
            + " (default: 64; 0 for none)")
    java.util.List<Integer> summaryHead;
    @Option(names = "--summary-kernel", description = "conv: kernel length of each convolution (default: 5)")
    Integer summaryKernel;
    @Option(names = "--simulations", description = "simulation budget (not with --simulations-from or --theta/--x,"
            + " where it is the files' row count)")
    Long simulations;
    @Option(names = "--simulations-from", description = "train on DIR/theta.csv and DIR/x.csv, as `amortizer"
            + " simulate` writes them, instead of simulating; with the same --seed the model is the one train would"
            + " fit on its own simulations")
    Path simulationsFrom;
    @Option(names = "--theta", description = "with --x: train on these θ rows (a header of the task's parameter"
            + " names) instead of simulating")
    Path thetaFile;
    @Option(names = "--x", description = "with --theta: the simulator's output for each θ row (NaN for a failed"
            + " simulation, handled by --invalid)")
    Path xFile;
    @Option(names = "--stream-chunk", paramLabel = "ROWS", description = "npe (the mdn, a flow with --members,"
            + " --support and --linear-shift, fmpe, --summary, or the default, each of its candidates in turn; not"
            + " across), nle, nre and point: write the simulations to disk in chunks of ROWS pairs (in a temporary"
            + " folder beside --out, deleted afterwards) and train on them streamed back, a few chunks and the"
            + " held-out pairs in memory at a time; chosen by itself, with 10000 rows (fewer for long rows), when the"
            + " simulations would not fit in the heap")
    Integer streamChunk;
    @Option(names = "--out", required = true, description = "model file to write (.zip)")
    Path out;
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    /**
     * Tables of simulations held at once in training: the simulations, their standardised copy, the training and
     * validation split, and the network's copy of a batch of them.
     */
    static final double TRAINING_COPIES = 4;

    @Override
    public Integer call() throws Exception {
        try (BackendOption.Applied ignored = backend.apply()) {
            return execute();
        }
    }

    private Integer execute() throws Exception {
        Task task = withDeclaredRows(symmetry ? taskOption.task() : ParameterSymmetry.undeclaredOn(taskOption.task()));
        boolean fromFiles = simulationsFrom != null || thetaFile != null || xFile != null;
        if (fromFiles && simulations != null) {
            throw new IllegalArgumentException("--simulations is the budget to simulate; with --simulations-from or"
                    + " --theta/--x the files' rows are the simulations: drop --simulations");
        }
        if (!fromFiles && simulations == null) {
            throw new IllegalArgumentException("give --simulations N (the budget to simulate), or --simulations-from"
                    + " DIR or --theta FILE --x FILE (simulations made before)");
        }
        if (fromFiles && !method.equals("npe")) {
            throw new IllegalArgumentException("--simulations-from, --theta and --x apply to --method npe only");
        }
        // before minutes of training: a bad --out used to fail only when the model was saved
        Path[] inputs = {thetaFile, xFile, simulationsFrom == null ? null : simulationsFrom.resolve("theta.csv"),
            simulationsFrom == null ? null : simulationsFrom.resolve("x.csv")};
        Outputs.file(spec.commandLine().getErr(), "--out", out, inputs);
        SimulationFiles files = fromFiles ? SimulationFiles.read(task, simulationsFrom, thetaFile, xFile) : null;
        int n = files != null ? files.theta().length : Inputs.positive("--simulations", simulations);
        if (checkpoints != null) {
            Outputs.folder(spec.commandLine().getErr(), "--checkpoints", checkpoints, List.of());
        }
        if (streamChunk != null && (fromFiles || checkpoints != null)) {
            throw new IllegalArgumentException("--stream-chunk streams the simulations train draws; it does not go"
                    + " with --simulations-from, --theta/--x or --checkpoints");
        }
        if (!method.equals("npe")) {
            return trainOther(task, n);
        }
        if (loss != null) {
            throw new IllegalArgumentException("--loss applies to --method nre only");
        }
        SummaryConfig summaryConfig = summaryConfig();
        InvalidSimulations policy = switch (invalid) {
            case "drop" -> InvalidSimulations.DROP;
            case "fail" -> InvalidSimulations.FAIL;
            default -> throw new IllegalArgumentException("--invalid must be drop or fail, got " + Quoted.of(invalid));
        };
        // the library's default (the same call `bench --amortiser npe` makes) unless an estimator is named
        if (DefaultNpe.ACROSS_FAMILIES.equals(estimator) && summaryConfig != null) {
            throw new IllegalArgumentException("--estimator across fits the mdn and fmpe, which take no summary"
                    + " network: name a flow estimator with --summary");
        }
        DefaultNpe npe = (DefaultNpe.ACROSS_FAMILIES.equals(estimator) ? DefaultNpe.acrossFamilies()
                : estimator != null
                ? DefaultNpe.of(List.of(NpeConfig.defaults(Inputs.option("--estimator",
                        () -> Estimator.byLabel(estimator)))))
                : summaryConfig != null ? DefaultNpe.of(List.of(NpeConfig.defaults(Estimator.MAF))) : new DefaultNpe())
                .tuned(network::tuned) // --support may make two defaults one
                .with(trainer -> trainer.withSummary(summaryConfig).withInvalidSimulations(policy)
                        .withDataScreen(dataScreen).withLogScale(logScale).withRowMoments(rowMoments));
        if (checkpoints != null) {
            npe = npe.with(trainer -> trainer.withCheckpoints(checkpoints, "seed " + seed.seed));
        }
        List<NpeConfig> candidates = npe.candidates(task);
        for (NpeConfig c : candidates) {
            NetworkOptions.checkNetwork(c, task);
        }
        DefaultNpe checked = npe;
        Inputs.option("--summary", () -> checked.trainers(task));
        String inMemoryOnly = DefaultNpe.ACROSS_FAMILIES.equals(estimator) ? "--estimator across, which scores every"
                + " candidate on pairs set aside in memory: name mdn, maf, nsf, coupling or fmpe with --estimator, or"
                + " none for the default" : null;
        if (streamChunk != null && inMemoryOnly != null) {
            throw new IllegalArgumentException("--stream-chunk does not go with " + inMemoryOnly);
        }
        Integer chunk = chunkFor(task, n, !fromFiles && checkpoints == null && inMemoryOnly == null,
                candidates.stream().mapToDouble(c -> c.schedule().validationFraction()).max().orElse(1));
        npe = npe.withListener(TrainingProgressBars.onConsole());
        CostMeter meter = new CostMeter();
        NpePosterior posterior = chunk != null ? StreamedTrain.run(npe, task, n, chunk, out, seed.rng(), meter)
                : files == null ? npe.train(task, n, seed.rng(), meter)
                : npe.train(task, files.theta(), files.x(), files.sources(), seed.rng(), meter);
        ModelFile.save(posterior, out);
        var fixed = posterior.costLedger().fixed();
        String name = "npe-" + (candidates.size() > 1 ? posterior.config().label() // which candidate was kept
                : posterior.config().estimator().label())
                + (summaryConfig == null ? "" : "-" + summaryConfig.type().label());
        var source = posterior.provenance().source();
        String kinds = source == null || source.failures().isEmpty() ? ""
                : ": " + new dev.amortizer.task.FailureCounts(source.failures());
        spec.commandLine().getOut().printf("trained %s on %,d simulations of %s in %.1f s (%d epochs, %d invalid dropped%s);"
                + " wrote %s%n", name, n, task.name(), fixed.wallSeconds(),
                posterior.provenance().epochs(), posterior.provenance().invalidSimulations(), kinds, out);
        var selection = posterior.provenance().selection();
        if (selection != null) {
            spec.commandLine().getOut().printf("candidates by %s over %,d pairs: %s%n", selection.criterion(),
                    selection.heldOutPairs(), selection.summary());
        }
        int width = posterior.standardization().rowWidth();
        if (width > 0) {
            spec.commandLine().getOut().printf("read x as %d exchangeable rows of %d values, in canonical order%s"
                    + " (columns named below are those of x so ordered)%n", task.dataDim() / width, width,
                    posterior.standardization().rowMoments() ? ", followed by their mean and covariance" : "");
        }
        var folded = posterior.standardization().thetaSymmetry();
        if (folded != null) {
            spec.commandLine().getOut().printf("fitted θ folded by its symmetry (%s): draws and density are averaged"
                    + " over its %d images%n", folded, folded.groupSize());
        }
        List<String> columns = posterior.standardization().columnNames(task.dataNames());
        int[] ignored = posterior.standardization().ignoredX();
        if (ignored.length > 0) {
            spec.commandLine().getOut().printf("ignored %d of %d x columns that showed no dependence on θ: %s%n",
                    ignored.length, columns.size(), Arrays.stream(ignored).mapToObj(columns::get)
                            .collect(Collectors.joining(", ")));
        }
        int[] logged = posterior.standardization().loggedX();
        if (logged.length > 0) {
            spec.commandLine().getOut().printf("read %d of %d x columns on the log scale: %s%n", logged.length,
                    columns.size(), Arrays.stream(logged).mapToObj(columns::get)
                            .collect(Collectors.joining(", ")));
        }
        reportFailures(task);
        return 0;
    }

    /** {@code task} declaring its x as exchangeable rows of {@code --exchangeable-rows} values; as it is without. */
    private Task withDeclaredRows(Task task) {
        if (exchangeableRows == null) {
            return task;
        }
        if (!method.equals("npe")) {
            throw new IllegalArgumentException("--exchangeable-rows applies to --method npe only");
        }
        try {
            return RowsLayout.declaredOn(task, exchangeableRows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--exchangeable-rows " + exchangeableRows + ": " + e.getMessage(), e);
        }
    }

    /** Where an external simulator's failed rows are explained, on standard error: the counts alone say not why. */
    private void reportFailures(Task task) {
        if (task.simulator() instanceof dev.amortizer.models.external.ExternalSimulator e && e.failures().total() > 0) {
            spec.commandLine().getErr().println("train: " + e.failures().total() + " of " + e.simulated()
                    + " simulations failed (" + e.failures() + "); the command's standard error, and a line for each"
                    + " failed row, are in " + e.log());
        }
    }

    /** NLE, NRE or a point estimator, saved as a model file of its kind. */
    private int trainOther(Task task, int n) throws IOException {
        if (summary != null) {
            throw new IllegalArgumentException("--summary applies to --method npe only");
        }
        if (checkpoints != null || !"drop".equals(invalid) || network.support != null) {
            throw new IllegalArgumentException("--checkpoints, --invalid and --support apply to --method npe only;"
                    + " " + method + " drops simulations with non-finite values");
        }
        if (loss != null && !method.equals("nre")) {
            throw new IllegalArgumentException("--loss applies to --method nre only");
        }
        Amortiser amortiser = switch (method) {
            case "nle" -> {
                Estimator e = estimator == null ? Estimator.MAF
                        : Inputs.option("--estimator", () -> Estimator.byLabel(estimator));
                NpeConfig config = network.tuned(Inputs.option("--estimator", () -> Nle.defaultConfig(e)));
                NetworkOptions.checkNetwork(config, task);
                yield new Nle(config, SurrogateMcmc.defaults());
            }
            case "nre" -> {
                NreLoss l = loss == null ? NreLoss.B : Inputs.option("--loss", () -> NreLoss.byLabel(loss));
                NreConfig c = NreConfig.defaults(l);
                yield new Nre((network.hidden == null ? c : c.withHidden(network.hidden))
                        .withSchedule(network.schedule(c.schedule())), SurrogateMcmc.defaults());
            }
            case "point" -> {
                PointConfig c = PointConfig.defaults();
                yield new PointEstimation((network.hidden == null ? c : c.withHidden(network.hidden, c.activation()))
                        .withSchedule(network.schedule(c.schedule())));
            }
            default -> throw new IllegalArgumentException("--method must be npe, nle, nre or point, got "
                    + Quoted.of(method));
        };
        if (estimator != null && !method.equals("nle")) {
            throw new IllegalArgumentException("--estimator applies to --method npe and nle only");
        }
        TrainingSchedule schedule = amortiser instanceof Nle nle ? nle.config().schedule()
                : amortiser instanceof Nre nre ? nre.config().schedule()
                : ((PointEstimation) amortiser).config().schedule();
        Integer chunk = chunkFor(task, n, true, schedule.validationFraction());
        Amortiser listened = amortiser.withListener(TrainingProgressBars.onConsole());
        AmortisedPosterior posterior = chunk == null ? listened.train(task, n, seed.rng(), new CostMeter())
                : StreamedTrain.run(out, chunks -> trainStreamed(listened, task, n, chunk, chunks));
        ModelFile.saveAny(posterior, out);
        spec.commandLine().getOut().printf("trained %s on %,d simulations of %s in %.1f s; wrote %s%n", amortiser.name(), n,
                task.name(), posterior.costLedger().fixed().wallSeconds(), out);
        reportFailures(task);
        return 0;
    }

    /** NLE, NRE or point estimation on the simulations written to {@code chunks} and streamed back. */
    private AmortisedPosterior trainStreamed(Amortiser amortiser, Task task, int n, int chunk, Path chunks)
            throws IOException {
        if (amortiser instanceof Nle nle) {
            return nle.trainStreamed(task, n, chunk, chunks, seed.rng(), new CostMeter());
        }
        if (amortiser instanceof Nre nre) {
            return nre.trainStreamed(task, n, chunk, chunks, seed.rng(), new CostMeter());
        }
        return ((PointEstimation) amortiser).trainStreamed(task, n, chunk, chunks, seed.rng(), new CostMeter());
    }

    /**
     * The rows per chunk to stream the simulations in, or null to hold them in memory: {@code --stream-chunk}, or
     * {@link StreamedTrain#automaticChunk} rows when the pairs would not fit and {@code streamable}; either way checked
     * against the heap (in memory: the pairs, their standardised copy and the network's; streamed: the held-out rows,
     * {@code heldOut} of them, three times, and a window of chunks).
     */
    private Integer chunkFor(Task task, int n, boolean streamable, double heldOut) {
        Integer chunk = streamChunk == null ? null : Inputs.positive("--stream-chunk", streamChunk);
        int columns = task.parameterDim() + task.dataDim();
        if (chunk == null && streamable && !MemoryCheck.fits(n, columns, TRAINING_COPIES)) {
            chunk = StreamedTrain.automaticChunk(columns, Runtime.getRuntime().maxMemory());
            spec.commandLine().getErr().printf("train: %,d simulations do not fit in the heap; streaming them from"
                    + " disk in chunks of %,d rows%n", n, chunk);
        }
        if (chunk == null) {
            MemoryCheck.require("--simulations", n, columns, TRAINING_COPIES, "simulations");
        } else {
            MemoryCheck.require("--simulations", (long) Math.ceil(n * heldOut), columns, 3, "held-out simulations");
            MemoryCheck.requireFlat("--stream-chunk", chunk, 3.0 * StreamedPairs.WINDOW_CHUNKS * columns,
                    "a window of " + StreamedPairs.WINDOW_CHUNKS + " chunks");
        }
        return chunk;
    }

    /** The summary network the options ask for, or null without {@code --summary}. */
    private SummaryConfig summaryConfig() {
        if (summary == null) {
            if (summaryDim != null || summaryInner != null || summaryHead != null || summaryKernel != null) {
                throw new IllegalArgumentException("--summary-dim, --summary-inner, --summary-head and --summary-kernel"
                        + " need --summary deepsets or --summary conv");
            }
            return null;
        }
        SummaryType type = Inputs.option("--summary", () -> SummaryType.byLabel(summary));
        SummaryConfig d = type == SummaryType.DEEPSETS ? SummaryConfig.deepSets(20) : SummaryConfig.conv(8);
        java.util.List<Integer> head = summaryHead == null ? d.headWidths()
                : summaryHead.equals(java.util.List.of(0)) ? java.util.List.of() : summaryHead;
        return Inputs.option("--summary", () -> new SummaryConfig(type,
                summaryInner == null ? d.innerWidths() : summaryInner,
                summaryKernel == null ? d.kernel() : summaryKernel, head,
                summaryDim == null ? d.summaryDim() : summaryDim, d.activation()));
    }
}
