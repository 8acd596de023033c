package dev.amortizer.cli;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.data.Samples;
import dev.amortizer.escalation.EscalatedAnswer;
import dev.amortizer.escalation.Escalation;
import dev.amortizer.escalation.EscalationPolicy;
import dev.amortizer.escalation.QueryGate;
import dev.amortizer.model.ModelFile;
import dev.amortizer.model.ModelManifest;
import dev.amortizer.model.ServedTask;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code amortizer sample}: posterior draws from a trained model of any kind for an observation; NLE and NRE models
 * run their MCMC here, point estimators draw from their per-parameter quantile functions. {@code --escalate} checks
 * and corrects an npe model's answer per query ({@link EscalateOptions}).
 */
@Command(name = "sample", description = "Draw from a trained model's posterior for an observation.")
final class SampleCommand extends SeededCommand {
    /** Tables of draws held at once: the sampler's, its untransformed copy, and the one written. */
    static final double DRAW_COPIES = 3;

    @Option(names = "--model", required = true, description = "model file written by `amortizer train`")
    Path model;
    @Option(names = "--task", description = "the model's task, where its name alone does not find it: the path of"
            + " the task spec it was trained on (optional: without it the model is served from its file alone)")
    String taskName;
    @Option(names = "--check", description = "also check this answer without a reference (is the observation typical of"
            + " the simulations, Pareto-k where the task has a likelihood, posterior predictive) and print the report"
            + " on stderr; needs the task's simulator")
    boolean check;
    @Option(names = "--check-out", description = "also write the check's report as JSON to this file (implies --check)")
    Path checkOut;
    @Mixin
    QueryOptions query;
    @Mixin
    EscalateOptions escalation;
    @Mixin
    BackendOption backend;

    @Override
    public Integer call() throws Exception {
        try (BackendOption.Applied ignored = backend.apply()) {
            return execute();
        }
    }

    private Integer execute() throws Exception {
        // every option is checked before the model's weights and ND4J are loaded (seconds)
        int count = query.count();
        EscalationPolicy policy = escalation.policy();
        Inputs.file("--model", model);
        query.checkFiles(stderr(), model);
        if (checkOut != null) {
            Outputs.file(stderr(), "--check-out", checkOut, model, query.observation, query.out);
            if (checkOut.toAbsolutePath().normalize().equals(query.out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--check-out " + checkOut + " is also --out: give another file");
            }
        }
        ModelManifest manifest = ModelFile.readManifest(model);
        Task known = modelTask(model, manifest.task(), taskName);
        if ((check || checkOut != null) && known == null) {
            throw new IllegalArgumentException("--check needs the simulator of task "
                    + dev.amortizer.data.Quoted.of(manifest.task()) + ", which is not known here; name its spec with"
                    + " --task");
        }
        // a task not known here (a user's, whose code or spec is elsewhere) is served from the model file alone
        Task task = known != null ? known : ServedTask.of(manifest);
        MemoryCheck.require("--n", count, task.parameterDim(), DRAW_COPIES, "draws");
        double[] x = query.observation(task);
        if (policy != null) {
            MemoryCheck.require("--importance-draws", policy.importanceDraws(), task.parameterDim(), DRAW_COPIES,
                    "importance draws");
        }
        AmortisedPosterior posterior = ModelFile.loadAny(model, name -> known);
        ObservationCheckRun checks = check || checkOut != null
                ? ObservationCheckRun.before(stderr(), task, x, seed) : null;
        Samples draws;
        if (policy == null) {
            draws = drawsOrRefusal(posterior, x, count);
        } else {
            // with --check, an atypical observation skips the amortised step (the typicality test is the gate)
            EscalatedAnswer a = new Escalation(policy, checks != null ? checks.gate() : QueryGate.none())
                    .answer(task, EscalateOptions.density(posterior, model), x, count, seed.rng());
            EscalateOptions.report(stderr(), a);
            draws = a.draws();
        }
        query.write(stdout(), draws, "posterior draws");
        if (checks != null) {
            checks.after(posterior, model, query.observation, seed.seed, checkOut);
        }
        return 0;
    }

    /**
     * The posterior's draws at x; a posterior that puts (almost) no mass inside the prior's support there says so
     * with an {@link IllegalStateException}, which is the observation's fault, not the program's: exit 2, named.
     */
    private Samples drawsOrRefusal(AmortisedPosterior posterior, double[] x, int count) {
        try {
            return posterior.sample(x, count, seed.rng());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--observation " + query.observation + ": " + e.getMessage()
                    + "; the observation is probably far from the simulations the model was trained on"
                    + " (sample --check tests that)");
        }
    }

    /**
     * The task a model file was trained on: the one {@code --task} names (whose name must be the model's), else the
     * one its recorded name finds (a catalogue or plugin task), else null: a task spec's name alone does not find it.
     */
    static Task modelTask(Path model, String recorded, String taskOption) {
        if (taskOption == null) {
            try {
                return Inputs.task(recorded);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        Task task = Inputs.option("--task", () -> Inputs.task(taskOption));
        if (!task.name().equals(recorded)) {
            throw new IllegalArgumentException("--task " + dev.amortizer.data.Quoted.of(taskOption) + " is task "
                    + dev.amortizer.data.Quoted.of(task.name()) + ", but --model " + model + " was trained on "
                    + dev.amortizer.data.Quoted.of(recorded));
        }
        return task;
    }
}
