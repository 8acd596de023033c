package dev.amortizer.bench.tools;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.bench.AmortiserCatalog;
import dev.amortizer.bench.TrainingProgressBars;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.SbibmData;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains one catalogued amortiser on a task and scores it by C2ST against sbibm's reference posteriors: the
 * measurement behind results/nle-nre.md.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.AmortiserEvaluation two_moons nle-maf 10000 1 1,2,3}: task, amortiser,
 * simulations, seed, observations (default all 10). Training uses {@code Rng.seeded(seed)}'s first split,
 * observation k's query the k-th of ten further splits, C2ST the seed seed + k.
 */
public final class AmortiserEvaluation {
    private AmortiserEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: AmortiserEvaluation TASK AMORTISER SIMULATIONS SEED [OBSERVATIONS,...]");
            System.exit(2);
        }
        Task task = TaskCatalog.byName(args[0]);
        String name = args[1];
        int simulations = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        List<Integer> which = new ArrayList<>();
        if (args.length > 4) {
            for (String k : args[4].split(",")) {
                which.add(Integer.parseInt(k.trim()));
            }
        } else {
            for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
                which.add(k);
            }
        }
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data was not found from " + Path.of("").toAbsolutePath()));
        Rng rng = Rng.seeded(seed);
        CostMeter training = new CostMeter();
        AmortisedPosterior q = AmortiserCatalog.byName(name).withListener(TrainingProgressBars.onConsole())
                .train(task, simulations, rng.split(), training);
        System.out.printf(Locale.ROOT, "%s %s: trained on %d simulations in %.1f s%n", task.name(), name, simulations,
                training.ledger().get(Phase.TRAINING).wallSeconds());
        Rng[] queries = rng.split(SbibmData.OBSERVATIONS);
        double sum = 0;
        for (int k : which) {
            CostMeter meter = new CostMeter();
            long t0 = System.nanoTime();
            Samples s = q.sample(data.observation(task.name(), k), 10_000, queries[k - 1], meter);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double c2st = C2st.score(data.reference(task.name(), k), s, seed + k);
            sum += c2st;
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.2f | %d |%n", k, c2st, seconds,
                    meter.ledger().get(Phase.QUERY).likelihoodEvaluations());
        }
        System.out.printf(Locale.ROOT, "%s %s %d simulations seed %d: mean C2ST %.4f over observations %s%n",
                task.name(), name, simulations, seed, sum / which.size(), which);
    }
}
