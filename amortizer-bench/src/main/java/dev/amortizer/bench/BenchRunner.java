package dev.amortizer.bench;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.MultiChainSampler;
import dev.amortizer.direct.RandomWalkMetropolis;
import dev.amortizer.direct.RejectionAbc;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpeConfig;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the break-even protocol of BENCHMARK.md for one task: train NPE once (fixed cost F),
 * answer every query with it (c_A) and with each applicable direct method along its anytime
 * ladder (c_D), score every answer by C2ST against the reference, and compare.
 *
 * <p>Each rung of a direct method's ladder is its own run, configured for that budget (MCMC sizes
 * its warm-up from it), so a profile point is what the method achieves when asked for that
 * budget. Each method answers one untimed warm-up query first. All timed work runs on this
 * thread, one piece at a time, so no measurement overlaps another; C2ST scoring happens between
 * timed pieces and is never charged to anyone.
 */
public final class BenchRunner {
    private final BenchConfig config;
    private final PrintStream log;

    public BenchRunner(BenchConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    /** The direct methods that apply to a task: MCMC (random-walk Metropolis and NUTS) where the likelihood is tractable, rejection ABC always. */
    static List<DirectMethod> directMethodsFor(Task task) {
        List<DirectMethod> methods = new ArrayList<>();
        if (task.likelihood().isPresent()) {
            methods.add(RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults()));
            methods.add(MultiChainSampler.nuts(MultiChainSampler.Config.defaults()));
        }
        methods.add(RejectionAbc.of(RejectionAbc.Config.defaults()));
        return methods;
    }

    public BenchReport run() {
        Task task = TaskCatalog.byName(config.task());
        Rng rng = Rng.seeded(config.seed());
        Rng queryRng = rng.split();
        Rng trainRng = rng.split();
        Rng answerRng = rng.split();
        Rng bootstrapRng = rng.split();
        QuerySet queries = QuerySet.forTask(task, config.observations(), queryRng);
        log.printf("task %s: %d queries from %s%n", task.name(), queries.queries().size(), queries.source());

        log.printf("training NPE on %,d simulations...%n", config.simulations());
        NpePosterior npe = new Npe(NpeConfig.defaults()).withProgressBar(ProgressBars.enabled())
                .train(task, config.simulations(), trainRng, new CostMeter());
        CostLedger fixed = npe.costLedger();
        log.printf("  fixed cost F = %.1f s (simulation %.1f s, training %.1f s)%n", fixed.fixed().wallSeconds(),
                fixed.get(Phase.SIMULATION).wallSeconds(), fixed.get(Phase.TRAINING).wallSeconds());

        List<QueryMeasurement> amortised = answerWithAmortiser(npe, queries, answerRng);
        BreakEvenAnalysis analysis = new BreakEvenAnalysis(fixed.fixed().wallSeconds(), amortised, config.replicates());
        List<BenchReport.DirectResult> direct = new ArrayList<>();
        for (DirectMethod method : directMethodsFor(task)) {
            long[] budgets = config.ladder(method.name(), method.defaultBudgets());
            Map<Long, List<QueryMeasurement>> byBudget = profile(method, task, budgets, queries, answerRng);
            DirectVerdict verdict = analysis.compare(method.name(), method.unit().label(), byBudget,
                    budgets[budgets.length - 1], bootstrapRng.split());
            direct.add(new BenchReport.DirectResult(method.name(), method.unit().label(), byBudget, verdict));
        }
        return BenchReport.of(config, task, queries.source(), npe, fixed, amortised, analysis, direct);
    }

    /** c_A: each query answered by the amortiser, timed alone, then scored. */
    private List<QueryMeasurement> answerWithAmortiser(NpePosterior npe, QuerySet queries, Rng answerRng) {
        warmUp(() -> npe.sample(queries.queries().get(0).x(), config.samples(), Rng.seeded(-1)));
        List<QueryMeasurement> amortised = new ArrayList<>();
        for (QuerySet.Query q : queries.queries()) {
            CostMeter meter = new CostMeter();
            Samples draws;
            try (var t = meter.start(Phase.QUERY)) {
                draws = npe.sample(q.x(), config.samples(), answerRng.split());
            }
            meter.countForwardPasses(Phase.QUERY, 1);
            double c2st = score(q, draws);
            amortised.add(new QueryMeasurement(q.number(), c2st, meter.ledger().get(Phase.QUERY)));
            log.printf("  npe  observation %2d: C2ST %.3f, %.1f ms%n", q.number(), c2st,
                    1e3 * meter.ledger().get(Phase.QUERY).wallSeconds());
        }
        return amortised;
    }

    /** A direct method's anytime profile: for every budget, one run per query, timed alone, then scored. */
    private Map<Long, List<QueryMeasurement>> profile(DirectMethod method, Task task, long[] budgets, QuerySet queries,
                                                      Rng answerRng) {
        Map<Long, List<QueryMeasurement>> byBudget = new LinkedHashMap<>();
        for (long b : budgets) {
            byBudget.put(b, new ArrayList<>());
        }
        long largest = budgets[budgets.length - 1];
        warmUp(() -> method.run(task, queries.queries().get(0).x(), new long[] {largest}, config.samples(),
                Rng.seeded(-1)));
        for (QuerySet.Query q : queries.queries()) {
            StringBuilder line = new StringBuilder();
            for (long b : budgets) {
                AnytimeAnswer a = method.run(task, q.x(), new long[] {b}, config.samples(), answerRng.split()).get(0);
                double c2st = score(q, a.samples());
                byBudget.get(b).add(new QueryMeasurement(q.number(), c2st, a.queryCost()));
                line.append(String.format("  %,d: %.3f/%.1fms", b, c2st, 1e3 * a.queryCost().wallSeconds()));
            }
            log.printf("  %s observation %2d:%s%n", method.name(), q.number(), line);
        }
        return byBudget;
    }

    /**
     * Runs one untimed query so the JIT has compiled the method's code before timing starts:
     * a long-running service answers warm, and both sides get the same treatment.
     */
    private static void warmUp(Runnable query) {
        query.run();
    }

    private double score(QuerySet.Query q, Samples draws) {
        return C2st.score(q.reference(), draws, config.seed());
    }
}
