package dev.amortizer.bench.tools;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.SbibmData;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingSimulations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The default NPE trained {@code MEMBERS} times on the same pairs (training seeds 100, 101, ...) and answered as their
 * equal mixture: each member gives a {@code MEMBERS}-th of the 10,000 draws. Scored against sbibm's references on the
 * 10 observations (C2ST seed k for observation k), beside the first member alone (10,000 draws from
 * {@code Rng.seeded(k)}). The pairs come from {@code Rng.seeded(PAIRS_SEED).split()}. An experiment, not the default:
 * what an ensemble of the default's own fit (on two_moons, the MDN) would buy.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.MixedFitsEvaluation two_moons 10000 5 1}
 */
public final class MixedFitsEvaluation {
    private MixedFitsEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: MixedFitsEvaluation task simulations members pairs-seed");
        }
        Task task = TaskCatalog.byName(args[0]);
        int n = Integer.parseInt(args[1]);
        int members = Integer.parseInt(args[2]);
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data was not found from " + Path.of("").toAbsolutePath()));
        TrainingSimulations sims = TrainingSimulations.simulate(task, n, Rng.seeded(Long.parseLong(args[3])).split(),
                new CostMeter());
        List<NpePosterior> fits = new ArrayList<>();
        double cpu = 0;
        for (int m = 0; m < members; m++) {
            NpePosterior q = new DefaultNpe().train(task, sims.theta(), sims.x(), List.of(), Rng.seeded(100 + m),
                    new CostMeter());
            cpu += q.costLedger().fixed().cpuSeconds();
            fits.add(q);
        }
        System.out.printf(Locale.ROOT, "%s, %d simulations, %d fits of %s: training %.1f CPU s%n", task.name(), n,
                members, fits.get(0).config().label(), cpu);
        int per = 10_000 / members;
        double mixed = 0;
        double first = 0;
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            double[] x = data.observation(task.name(), k);
            double[][] rows = new double[per * members][];
            for (int m = 0; m < members; m++) {
                System.arraycopy(fits.get(m).sample(x, per, Rng.seeded(1000L * k + m)).toArray(), 0, rows, m * per,
                        per);
            }
            double c = C2st.score(data.reference(task.name(), k), Samples.of(task.parameterNames(), rows), k);
            double c1 = C2st.score(data.reference(task.name(), k), fits.get(0).sample(x, 10_000, Rng.seeded(k)), k);
            mixed += c;
            first += c1;
            System.out.printf(Locale.ROOT, "%d\tmixture %.4f\tfirst fit %.4f%n", k, c, c1);
        }
        System.out.printf(Locale.ROOT, "mean\tmixture %.4f\tfirst fit %.4f%n", mixed / SbibmData.OBSERVATIONS,
                first / SbibmData.OBSERVATIONS);
    }
}
