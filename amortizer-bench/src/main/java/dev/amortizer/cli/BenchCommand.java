package dev.amortizer.cli;

import dev.amortizer.bench.BenchConfig;
import dev.amortizer.bench.BenchSuite;
import dev.amortizer.bench.spec.ExperimentSpec;
import dev.amortizer.bench.spec.SpecFiles;
import dev.amortizer.bench.spec.TaskEntry;
import dev.amortizer.data.Quoted;
import dev.amortizer.task.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amortizer bench}: the break-even report of amortised versus direct inference. The protocol comes from an
 * experiment spec ({@code --spec FILE}), from flags, or both (flags win); unset fields take the defaults.
 */
@Command(name = "bench", description = "Break-even benchmark: when does amortisation pay off, at matched accuracy?")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--spec", description = "experiment spec (JSON); flags override its fields")
    Path specFile;
    @Option(names = "--task", split = ",", description = "task(s), comma-separated (default: two_moons)")
    List<String> tasks;
    @Option(names = {"--amortiser", "--amortisers"}, split = ",",
            description = "amortiser(s), comma-separated (default: npe, the default estimator for the task)")
    List<String> amortisers;
    @Option(names = "--simulations", split = ",", description = "amortisers' simulation budgets (default: 1000,10000)")
    List<Long> simulations;
    @Option(names = "--observations", description = "queries: sbibm's observations 1..k (default: 10)")
    Integer observations;
    @Option(names = "--queries", description = "CSV of your own observations, one per row (references from the task's sampler)")
    Path queries;
    @Option(names = "--samples", description = "draws per query (default: 10000)")
    Long samples;
    @Option(names = "--method", split = ",", description = "direct methods, comma-separated, each with its default "
            + "ladder (default: mcmc,nuts,rejection-abc)")
    List<String> methods;
    @Option(names = "--ladder", description = "a direct method's anytime ladder, e.g. --ladder mcmc=1000,10000,100000 "
            + "(adds the method)")
    Map<String, String> ladders;
    @Option(names = "--hybrid", split = ",", description = "proposal draws of the hybrid (amortised proposal + "
            + "importance sampling), comma-separated (default: 10000)")
    List<Long> hybrid;
    @Option(names = "--no-hybrid", description = "leave out the hybrid contender")
    boolean noHybrid;
    @Option(names = "--escalate", description = "also answer by per-query escalation: amortised, then importance "
            + "sampling, then warm-started MCMC, as checks of the importance weights fail")
    boolean escalate;
    @Option(names = "--replicates", description = "bootstrap replicates (default: 2000)")
    Integer replicates;
    @Option(names = "--price-per-simulation", description = "money per simulator call, to report costs in money")
    Double price;
    @Option(names = "--out", required = true, description = "output folder for the report files")
    Path out;
    @Mixin
    SeedOption seed;
    @Mixin
    BackendOption backend;
    @Spec
    CommandSpec command;

    /** Tables of draws per query held at once: the reference, the contender's, and the C2ST's standardised pair. */
    private static final double DRAW_COPIES = 6;

    /**
     * Progress goes to standard error; standard output carries the results only: each report's table, and the
     * verdicts of a suite.
     */
    @Override
    public Integer call() throws Exception {
        try (BackendOption.Applied ignored = backend.apply()) {
            return execute();
        }
    }

    private Integer execute() throws Exception {
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter stderr = command.commandLine().getErr();
        Inputs.file("--spec", specFile);
        Inputs.file("--queries", queries);
        ExperimentSpec fromFile = specFile == null ? ExperimentSpec.empty() : readSpec(specFile);
        ExperimentSpec spec = fromFile.overriddenBy(fromFlags());
        List<BenchConfig> configs;
        try {
            configs = spec.configs();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((specFile == null ? "" : "spec " + specFile + " with flags: ")
                    + e.getMessage(), e);
        }
        BenchSuite suite = new BenchSuite(configs, out);
        List<String> files = new ArrayList<>(List.of("spec.json"));
        files.addAll(suite.files());
        List<Path> inputs = new ArrayList<>(java.util.Arrays.asList(specFile, queries));
        for (BenchConfig config : configs) {
            checkSizes(config);
            if (config.queries() != null) { // the spec's own, relative to the working folder as the runner reads it
                inputs.add(Inputs.file("queries (the spec's)", Path.of(config.queries())));
            }
        }
        // before the run (minutes): a bad --out, or one holding the spec or queries, used to fail only at the end
        Outputs.folder(stderr, "--out", out, files, inputs.toArray(Path[]::new));
        suite.run(stdout, stderr, System.err);
        SpecFiles.write(spec.withDefaults(), out.resolve("spec.json"));
        return 0;
    }

    private static ExperimentSpec readSpec(Path file) throws java.io.IOException {
        try {
            return SpecFiles.read(file);
        } catch (java.nio.charset.CharacterCodingException e) { // the decoder's message names no file
            throw new IllegalArgumentException("--spec " + file + " is not UTF-8 text (" + e.getMessage() + ")", e);
        }
    }

    /** Refuses sizes (draws per query, simulation budgets, hybrid proposals) whose tables cannot fit in the heap. */
    private static void checkSizes(BenchConfig config) {
        Task task = Inputs.task(config.task());
        String of = " of task " + config.task();
        MemoryCheck.require("samples (--samples or the spec's)" + of, config.samples(), task.parameterDim(),
                DRAW_COPIES, "draws per query");
        MemoryCheck.require("simulations (--simulations or the spec's)" + of,
                config.simulations().get(config.simulations().size() - 1), task.parameterDim() + task.dataDim(),
                TrainCommand.TRAINING_COPIES, "simulations");
        config.methods().forEach((method, ladder) -> MemoryCheck.requireDirect("the ladder of " + method
                + " (--ladder or the spec's)" + of, method, task, ladder.get(ladder.size() - 1)));
        // the bootstrap holds two values per replicate, and a sorted copy of one for its quantiles
        MemoryCheck.requireFlat("replicates (--replicates or the spec's)" + of, config.replicates(), 3,
                "bootstrap replicates");
        for (long h : config.hybrid()) {
            MemoryCheck.require("hybrid (--hybrid or the spec's)" + of, h, task.parameterDim(), DRAW_COPIES,
                    "proposal draws");
        }
    }

    /** The spec fields the flags set; null where a flag was not given. */
    private ExperimentSpec fromFlags() {
        if (observations != null && queries == null && (observations < 1 || observations > 10)) {
            throw new IllegalArgumentException("--observations must be 1..10 (sbibm's observations), got " + observations);
        }
        if (price != null && !(price >= 0 && Double.isFinite(price))) {
            throw new IllegalArgumentException("--price-per-simulation must be a finite number >= 0, got " + price);
        }
        if (replicates != null && replicates < 1) {
            throw new IllegalArgumentException("--replicates must be >= 1, got " + replicates);
        }
        List<Integer> budgets = simulations == null ? null
                : simulations.stream().map(n -> Inputs.positive("--simulations", n)).toList();
        Map<String, List<Long>> ladderMap = null;
        if (methods != null || ladders != null) {
            ladderMap = new LinkedHashMap<>();
            for (String m : methods == null ? List.<String>of() : methods) {
                ladderMap.put(m, defaultLadder(m));
            }
            if (ladders != null) {
                for (Map.Entry<String, String> e : ladders.entrySet()) {
                    ladderMap.put(e.getKey(), Inputs.option("--ladder " + e.getKey(), () -> parseLadder(e.getValue())));
                }
            }
        }
        List<Long> hybridDraws = noHybrid ? List.of() : hybrid;
        Long seedValue = command.commandLine().getParseResult().hasMatchedOption("--seed") ? seed.seed : null;
        return new ExperimentSpec(tasks == null ? null : tasks.stream().map(TaskEntry::named).toList(), amortisers,
                budgets, observations, queries == null ? null : queries.toString(),
                samples == null ? null : Inputs.positive("--samples", samples), replicates, seedValue, ladderMap,
                hybridDraws, price, escalate ? Boolean.TRUE : null);
    }

    private static List<Long> defaultLadder(String method) {
        return Inputs.option("--method", () -> BenchConfig.defaultLadder(method));
    }

    static List<Long> parseLadder(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Long.parseLong(part.trim().replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Quoted.of(part) + " is not a whole number; expected budgets like 1000,10000");
            }
        }
        return out;
    }
}
