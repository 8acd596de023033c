package dev.amortizer.bench.plan;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.bench.AmortisedAnswers;
import dev.amortizer.bench.AmortiserCatalog;
import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.DirectProfiler;
import dev.amortizer.bench.QueryMeasurement;
import dev.amortizer.bench.QueryScorer;
import dev.amortizer.bench.QuerySet;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.models.TaskResolver;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the pilot with the bench's own machinery (the same queries, the same timing of one query alone after an
 * untimed warm-up, the same C2ST), so that pilot points and bench points measure the same thing. Pieces run cheapest
 * first: the amortiser's two smallest budgets always, then its larger ones and the direct methods while the time
 * budget lasts; whatever is left when it is spent is skipped, and the notes say so.
 */
public final class PilotRunner {
    private final PilotConfig config;
    private final PrintStream log;

    public PilotRunner(PilotConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    public PilotData run() {
        long start = System.nanoTime();
        Task task = TaskResolver.resolve(config.task());
        Rng rng = Rng.seeded(config.seed());
        Rng queryRng = rng.split();
        Rng trainRng = rng.split();
        Rng answerRng = rng.split();
        Rng directRng = rng.split();
        QuerySet queries = QuerySet.forTask(task, config.observations(), queryRng);
        log.printf("pilot on %s: %d queries from %s%n", task.name(), queries.queries().size(), queries.source());
        QueryScorer scorer = new QueryScorer(config.seed());
        List<String> notes = new ArrayList<>();
        if (!queries.scored()) { // nothing to fit an accuracy curve to: stop before spending anything
            notes.add("no C2ST: " + queries.unscored() + "; only cost can be planned");
            return new PilotData(task.name(), List.of(), queries.source(), false, config.amortiser(), List.of(),
                    List.of(), (System.nanoTime() - start) / 1e9, notes);
        }
        List<PilotData.AmortiserPoint> points = new ArrayList<>();
        AmortisedAnswers answers = new AmortisedAnswers(config.samples(), scorer, log);
        for (int n : config.simulations()) {
            Rng trainSplit = trainRng.split();
            Rng answerSplit = answerRng.split();
            if (points.size() >= 2 && spent(start)) {
                notes.add(String.format("%s at %,d simulations skipped: the pilot's %.0f s were spent",
                        config.amortiser(), n, config.pilotSeconds()));
                continue;
            }
            log.printf("pilot: training %s on %,d simulations...%n", config.amortiser(), n);
            AmortisedPosterior posterior;
            try {
                posterior = AmortiserCatalog.byName(config.amortiser()).train(task, n, trainSplit, new CostMeter());
            } catch (IllegalStateException e) { // as in the bench: a failed training is reported, not fatal
                notes.add(String.format("%s at %,d simulations: training failed: %s", config.amortiser(), n,
                        e.getMessage()));
                continue;
            }
            double fixed = posterior.costLedger().fixed().wallSeconds();
            double fixedCpu = posterior.costLedger().fixed().cpuSeconds();
            List<QueryMeasurement> m = answers.alone(config.amortiser() + "@" + n, posterior, queries, answerSplit);
            points.add(new PilotData.AmortiserPoint(n, fixed, fixedCpu, c2st(m), seconds(m)));
        }
        List<PilotData.DirectPilot> direct = new ArrayList<>();
        DirectProfiler profiler = new DirectProfiler(config.samples(), scorer, log);
        config.methods().forEach((name, ladder) -> {
            Rng methodRng = directRng.split();
            if (spent(start)) {
                notes.add(String.format("%s skipped: the pilot's %.0f s were spent", name, config.pilotSeconds()));
                return;
            }
            log.printf("pilot: %s along %s...%n", name, ladder);
            try {
                BenchReport.DirectResult r = profiler.profile(DirectMethods.byName(name, 0), task,
                        ladder.stream().mapToLong(Long::longValue).toArray(), queries, methodRng);
                List<PilotData.Rung> rungs = new ArrayList<>();
                r.measurements().forEach((budget, m) -> rungs.add(new PilotData.Rung(budget, c2st(m), seconds(m))));
                direct.add(new PilotData.DirectPilot(name, r.unit(), rungs));
            } catch (IllegalArgumentException | IllegalStateException e) {
                notes.add(name + " skipped: " + e.getMessage());
            }
        });
        List<Integer> numbers = queries.queries().stream().map(QuerySet.Query::number).toList();
        return new PilotData(task.name(), numbers, queries.source(), queries.scored(), config.amortiser(), points,
                direct, (System.nanoTime() - start) / 1e9, notes);
    }

    private boolean spent(long start) {
        return (System.nanoTime() - start) / 1e9 > config.pilotSeconds();
    }

    private static double[] c2st(List<QueryMeasurement> m) {
        return m.stream().mapToDouble(QueryMeasurement::c2st).toArray();
    }

    private static double[] seconds(List<QueryMeasurement> m) {
        return m.stream().mapToDouble(q -> q.cost().wallSeconds()).toArray();
    }
}
