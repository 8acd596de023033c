package dev.amortizer.cli;

import dev.amortizer.bench.plan.Measure;
import dev.amortizer.bench.plan.PilotConfig;
import dev.amortizer.bench.plan.PilotData;
import dev.amortizer.bench.plan.PilotFile;
import dev.amortizer.bench.plan.PilotRunner;
import dev.amortizer.bench.plan.Plan;
import dev.amortizer.bench.plan.PlanSettings;
import dev.amortizer.bench.plan.Planner;
import dev.amortizer.bench.report.PlanWriter;
import dev.amortizer.data.Quoted;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code amortizer plan}: before paying for a benchmark or a training run, a small pilot and learning curves say
 * which option is cheapest for the user's query volume at the accuracy asked for, and how sure that is.
 */
@Command(name = "plan", description = "Budget planner: a small pilot predicts the cheapest option (amortise or a "
        + "direct method) for your query volume at a target C2ST, or without a reference at a target coverage error"
        + " on held-out simulations, with 90%% intervals.")
final class PlanCommand extends SeededCommand {
    /** The options that shape a pilot: with --pilot there is none to shape. */
    private static final List<String> PILOT_OPTIONS = List.of("--held-out", "--pilot-seconds", "--amortiser",
            "--pilot-simulations", "--method", "--observations", "--samples", "--pilot-c2st-folds");

    @Mixin
    TaskOption task;
    @Option(names = "--queries", required = true, split = ",", description = "query volume(s) Q, comma-separated, "
            + "e.g. 10,1000,100000")
    List<Long> queries;
    @Option(names = "--target-c2st", description = "required mean C2ST against reference posteriors (default: 0.6;"
            + " 0.5 = indistinguishable from the reference)")
    Double targetC2st;
    @Option(names = "--target-calibration", description = "instead of C2ST, needing no reference: the amortiser's "
            + "required coverage error on held-out simulations (mean |coverage − credibility| of its HPD regions, "
            + "0 = calibrated, e.g. 0.05); direct methods count once their own diagnostics pass")
    Double targetCalibration;
    @Option(names = "--held-out", defaultValue = "200", description = "held-out simulations for "
            + "--target-calibration (default: ${DEFAULT-VALUE}; a calibrated posterior shows an error of about "
            + "0.33/sqrt(this) by chance)")
    int heldOut;
    @Option(names = "--pilot-seconds", defaultValue = "150", description = "wall-time cap of the pilot; a piece whose "
            + "predicted cost does not fit in what is left is skipped (default: ${DEFAULT-VALUE})")
    double pilotSeconds;
    @Option(names = "--min-gain-per-second", defaultValue = "0.01", description = "anytime rule: stop refining a "
            + "direct query when the next rung gains less C2ST per extra second (default: ${DEFAULT-VALUE})")
    double minGain;
    @Option(names = "--min-log-score-gain", defaultValue = "0.1", description = "with --target-calibration: train "
            + "the amortiser until doubling its simulations raises the held-out log score by less than this many "
            + "nats (default: ${DEFAULT-VALUE}); calibration alone would accept a posterior as broad as the prior")
    double minLogScoreGain;
    @Option(names = "--price-per-simulation", description = "money per simulator call, to report simulation money")
    Double price;
    @Option(names = "--amortiser", defaultValue = "npe", description = "amortiser (default: ${DEFAULT-VALUE})")
    String amortiser;
    @Option(names = "--pilot-simulations", split = ",", description = "the amortiser's pilot budgets (default: "
            + "250,500,1000,2000)")
    List<Long> simulations;
    @Option(names = "--method", description = "a direct method and its pilot rungs, e.g. --method nuts=30000,100000"
            + " (repeatable; default: mcmc, nuts, rejection-abc at the bench's ladders without their largest rung; "
            + "with --target-calibration mcmc and nuts at their whole ladders)")
    Map<String, String> methods;
    @Option(names = "--observations", defaultValue = "5", description = "pilot queries: sbibm's observations 1..k "
            + "(default: ${DEFAULT-VALUE})")
    int observations;
    @Option(names = "--samples", defaultValue = "10000", description = "draws per query (default: ${DEFAULT-VALUE}, as"
            + " the bench, so that C2STs compare)")
    int samples;
    @Option(names = "--pilot-c2st-folds", defaultValue = "1", description = "folds of sbibm's 5-fold C2ST split "
            + "the pilot trains and scores, 1..5 (default: ${DEFAULT-VALUE}: a fifth of the bench's scoring compute, "
            + "with the same expected C2ST)")
    int c2stFolds;
    @Option(names = "--replicates", defaultValue = "1000", description = "bootstrap replicates (default: "
            + "${DEFAULT-VALUE})")
    int replicates;
    @Option(names = "--pilot", description = "refit the plan from the pilot.json an earlier plan wrote (the file or "
            + "its folder), without running a pilot: another target, query volumes, price or seed for the same "
            + "measurements (the options that shape a pilot are refused with it)")
    Path pilotFile;
    @Option(names = "--out", required = true, description = "output folder for plan.json, plan.md, plan.html, plots")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = stdout();
        PrintWriter stderr = stderr();
        String taskName = task.task().name();
        if (targetC2st != null && targetCalibration != null) {
            throw new IllegalArgumentException("--target-c2st and --target-calibration: give one target, not both");
        }
        Measure measure = targetCalibration != null ? Measure.COVERAGE_ERROR : Measure.C2ST;
        double target = targetCalibration != null ? targetCalibration : targetC2st != null ? targetC2st : 0.6;
        PlanSettings settings = new PlanSettings(measure, target, queries, price, minGain, minLogScoreGain, replicates,
                seed.seed);
        String command = "amortizer " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        if (pilotFile != null) {
            return replan(settings, command, stdout, stderr);
        }
        List<Integer> budgets = simulations == null ? PilotConfig.DEFAULT_SIMULATIONS
                : simulations.stream().map(n -> Inputs.positive("--pilot-simulations", n)).toList();
        Map<String, List<Long>> ladders = measure == Measure.C2ST ? PilotConfig.DEFAULT_METHODS
                : PilotConfig.DEFAULT_CERTIFIABLE_METHODS;
        if (methods != null) {
            ladders = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : methods.entrySet()) {
                ladders.put(e.getKey(), Inputs.option("--method " + e.getKey(),
                        () -> BenchCommand.parseLadder(e.getValue())));
            }
        }
        PilotConfig config = new PilotConfig(task.name, amortiser, budgets, observations, ladders, samples,
                seed.seed, pilotSeconds, c2stFolds, measure, target, heldOut);
        MemoryCheck.require("--samples", samples, task.task().parameterDim(), 6, "draws per query");
        Outputs.folder(stderr, "--out", out, PlanWriter.FILES);
        PilotData pilot = new PilotRunner(config, System.err).run();
        Plan plan = Planner.plan(pilot, settings);
        PlanWriter.write(plan, pilot, out, command);
        stdout.println(plan.verdict());
        stderr.printf("pilot took %.0f s wall (cap %.0f s), %.0f CPU s; wrote %d files to %s (plan.html bundles "
                + "them)%n", pilot.wallSeconds(), pilot.capSeconds(), pilot.cpuSeconds(), PlanWriter.FILES.size(), out);
        return 0;
    }

    /** A plan refitted from a stored pilot; the pilot's own folder keeps its pilot.json as it is. */
    private int replan(PlanSettings settings, String command, PrintWriter stdout, PrintWriter stderr)
            throws IOException {
        for (String option : PILOT_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " shapes a pilot; with --pilot " + pilotFile
                        + " no pilot runs: leave it out");
            }
        }
        Path file = Files.isDirectory(pilotFile) ? pilotFile.resolve("pilot.json") : pilotFile;
        PilotData pilot = PilotFile.read(file);
        String name = task.task().name();
        if (!pilot.task().equals(name)) {
            throw new IllegalArgumentException("--pilot " + file + " measured task "
                    + Quoted.plain(pilot.task()) + ", not " + name);
        }
        Path ownCopy = out.resolve("pilot.json");
        boolean inPlace = Files.exists(ownCopy) && Files.isSameFile(ownCopy, file);
        List<String> files = PlanWriter.FILES.stream().filter(f -> !inPlace || !f.equals("pilot.json")).toList();
        Outputs.folder(stderr, "--out", out, files, file);
        Plan plan = Planner.plan(pilot, settings);
        PlanWriter.write(plan, inPlace ? null : pilot, out, command);
        stdout.println(plan.verdict());
        stderr.printf("refitted from the pilot in %s (%.0f s wall, %.0f CPU s when it ran); wrote %d files to %s%n",
                file, pilot.wallSeconds(), pilot.cpuSeconds(), files.size(), out);
        return 0;
    }
}
