package dev.amortizer.bench;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.models.TaskResolver;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingProvenance;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;

/**
 * Runs the break-even protocol of amortizer-bench/README.md for one task: every amortiser × simulation budget (each trained once:
 * its fixed cost F), every direct method along its anytime ladder (c_D), each trained posterior answering every query
 * alone (c_A) and, where the task has a likelihood and the posterior a density, as the proposal of importance
 * sampling (the hybrid); every answer scored by C2ST against the reference, and N* with bootstrap intervals for each
 * contender against each direct method.
 *
 * <p>All timed work runs on this thread, one piece at a time, so no measurement overlaps another; C2ST scoring
 * happens between timed pieces and is never charged to anyone. Every random choice comes from the config's seed.
 *
 * <p>{@code BenchReport report = new BenchRunner(BenchConfig.defaults(), System.out).run();}
 */
public final class BenchRunner {
    private final BenchConfig config;
    private final PrintStream log;

    public BenchRunner(BenchConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    public BenchReport run() throws IOException {
        return run(TaskResolver.resolve(config.task()));
    }

    /**
     * Runs the protocol on {@code task} itself rather than the task the config names (a task built
     * in code). A task without a likelihood and without a reference is run unscored: everything is timed, nothing
     * is matched, and N* is given at each direct method's default budget, labelled as such.
     */
    public BenchReport run(Task task) throws IOException {
        Rng rng = Rng.seeded(config.seed());
        Rng queryRng = rng.split();
        Rng trainRng = rng.split();
        Rng answerRng = rng.split();
        Rng bootstrapRng = rng.split();
        Rng directRng = rng.split();
        QuerySet queries = QuerySet.forConfig(task, config, queryRng);
        log.printf("task %s: %d queries from %s%n", task.name(), queries.queries().size(), queries.source());
        String unscored = queries.unscored();
        if (unscored != null) {
            log.printf("no C2ST: %s; %s%n", unscored, Headline.atDefaultOnly(unscored));
        }
        QueryScorer scorer = new QueryScorer(config.seed());
        List<BenchReport.Skipped> skipped = new ArrayList<>();

        List<BenchReport.DirectResult> direct = new ArrayList<>();
        DirectProfiler profiler = new DirectProfiler(config.samples(), scorer, log);
        for (String name : config.methods().keySet()) {
            DirectMethod method = DirectMethods.byName(name, 0);
            Rng methodRng = directRng.split();
            log.printf("profiling %s along %s (%s)...%n", name, config.methods().get(name), method.unit().label());
            try {
                direct.add(profiler.profile(method, task, config.ladder(name), queries, methodRng));
            } catch (IllegalArgumentException | IllegalStateException e) {
                // The method cannot handle this task (no likelihood, say) or failed on a query: say so, go on.
                skipped.add(new BenchReport.Skipped(name, e.getMessage()));
                log.printf("  skipped %s: %s%n", name, e.getMessage());
            }
        }

        List<BenchReport.Contender> contenders = new ArrayList<>();
        AmortisedAnswers answers = new AmortisedAnswers(config.samples(), scorer, log);
        for (String amortiser : config.amortisers()) {
            for (int simulations : config.simulations()) {
                Rng amortiserRng = trainRng.split();
                AmortisedPosterior posterior;
                try {
                    posterior = train(task, amortiser, simulations, amortiserRng);
                } catch (IllegalStateException e) {
                    skipped.add(new BenchReport.Skipped(Contenders.name(amortiser, simulations, null),
                            "training failed: " + e.getMessage()));
                    continue;
                }
                CostLedger fixed = posterior.costLedger();
                String name = Contenders.name(amortiser, simulations, null);
                Map<String, Long> failures = failures(posterior);
                contenders.add(Contenders.of(amortiser, BenchReport.Contender.AMORTISED, simulations, null, fixed,
                        answers.alone(name, posterior, queries, answerRng.split()), direct, config, bootstrapRng.split(),
                        failures, unscored));
                for (long draws : config.hybrid()) {
                    String hybridName = Contenders.name(amortiser, simulations, draws);
                    Rng hybridRng = answerRng.split();
                    if (!(posterior instanceof AmortisedDensity density)) {
                        skipped.add(new BenchReport.Skipped(hybridName, amortiser + " has no normalised density q(θ | x) "
                                + "to weigh importance-sampling proposals by"));
                        continue;
                    }
                    if (task.likelihood().isEmpty()) {
                        skipped.add(new BenchReport.Skipped(hybridName, "task " + task.name() + " has no tractable "
                                + "likelihood, which importance weights need"));
                        continue;
                    }
                    log.printf("hybrid %s: importance sampling with %,d proposals from %s...%n", hybridName, draws, name);
                    List<QueryMeasurement> corrected;
                    try {
                        corrected = answers.hybrid(hybridName, density, task, draws, queries, hybridRng);
                    } catch (IllegalStateException e) {
                        skipped.add(new BenchReport.Skipped(hybridName, "importance sampling failed: " + e.getMessage()));
                        continue;
                    }
                    contenders.add(Contenders.of(amortiser, BenchReport.Contender.HYBRID, simulations, draws, fixed,
                            corrected, direct, config, bootstrapRng.split(), failures, unscored));
                }
                if (config.escalate()) {
                    escalate(task, amortiser, simulations, posterior, queries, answers, answerRng.split(), skipped)
                            .ifPresent(q -> contenders.add(Contenders.of(amortiser, BenchReport.Contender.ESCALATE,
                                    simulations, null, fixed, q, direct, config, bootstrapRng.split(), failures,
                                    unscored)));
                }
            }
        }
        skipped.forEach(s -> log.printf("skipped %s: %s%n", s.what(), s.reason()));
        BenchReport draft = new BenchReport(BenchReport.SCHEMA_VERSION, Instant.now().toString(),
                TrainingProvenance.currentLibraryVersion(), BenchReport.Machine.current(), config,
                new BenchReport.TaskInfo(task.name(), task.parameterDim(), task.dataDim(), task.likelihood().isPresent()),
                queries.source(), contenders, direct, skipped, "",
                unscored == null ? BenchReport.MATCHED : Headline.atDefaultOnly(unscored));
        String verdict = draft.primary() == null ? "No amortiser could be trained on " + task.name()
                + ", so there is no break-even to report (see skipped)." : draft.primary().verdict();
        return new BenchReport(draft.schemaVersion(), draft.generatedAt(), draft.amortizerVersion(), draft.machine(),
                config, draft.task(), draft.observations(), contenders, direct, skipped, verdict,
                draft.breakEvenBasis());
    }

    /** The escalation contender's queries, or empty (and a skipped entry) where it cannot run on this task. */
    private Optional<List<QueryMeasurement>> escalate(Task task, String amortiser, int simulations,
                                                      AmortisedPosterior posterior, QuerySet queries,
                                                      AmortisedAnswers answers, Rng rng, List<BenchReport.Skipped> skipped) {
        String name = Contenders.escalatedName(amortiser, simulations);
        if (!(posterior instanceof AmortisedDensity density)) {
            skipped.add(new BenchReport.Skipped(name, amortiser + " has no normalised density q(θ | x) to check its "
                    + "answers by importance weights"));
            return Optional.empty();
        }
        if (task.likelihood().isEmpty()) {
            skipped.add(new BenchReport.Skipped(name, "task " + task.name() + " has no tractable likelihood, so "
                    + "escalation could neither check nor correct the amortised answer"));
            return Optional.empty();
        }
        log.printf("escalation %s: amortised, importance sampling, MCMC as checks fail...%n", name);
        try {
            return Optional.of(answers.escalated(name, density, task, queries, rng));
        } catch (IllegalStateException e) {
            skipped.add(new BenchReport.Skipped(name, "escalation failed: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private AmortisedPosterior train(Task task, String amortiser, int simulations, Rng rng) {
        log.printf("training %s on %,d simulations...%n", amortiser, simulations);
        ProgressBar bar = ProgressBars.open("simulating", simulations, "simulations");
        AmortisedPosterior posterior;
        try {
            posterior = AmortiserCatalog.byName(amortiser).withListener(TrainingProgressBars.onConsole())
                    .train(SimulationProgress.of(task, bar), simulations, rng, new CostMeter());
        } finally {
            if (bar != null && bar.getCurrent() < bar.getMax()) {
                bar.close(); // SimulationProgress closed it already when the last simulation was done
            }
        }
        CostLedger fixed = posterior.costLedger();
        Map<String, Long> failed = failures(posterior);
        if (!failed.isEmpty()) {
            log.printf("  failed simulations, dropped: %s%n", new FailureCounts(failed));
        }
        log.printf("  fixed cost F = %.1f s (simulation %.1f s, training %.1f s)%n", fixed.fixed().wallSeconds(),
                fixed.get(Phase.SIMULATION).wallSeconds(), fixed.get(Phase.TRAINING).wallSeconds());
        return posterior;
    }

    /** The failed simulations an amortiser's training recorded, by kind (npe records them). */
    private static Map<String, Long> failures(AmortisedPosterior posterior) {
        if (posterior instanceof NpePosterior npe && npe.provenance().source() != null) {
            return npe.provenance().source().failures();
        }
        return Map.of();
    }
}
