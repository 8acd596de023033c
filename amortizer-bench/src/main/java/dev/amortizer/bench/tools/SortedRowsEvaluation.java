package dev.amortizer.bench.tools;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.SbibmData;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * The default NPE trained on x with its rows put in a canonical order, for a task whose x is a set of exchangeable
 * rows (slcp: four i.i.d. points in the plane, whose posterior does not depend on their order): x is read as rows of
 * {@code ROW} values, sorted by their first value, so the network sees one of the 4! orders of each set. Scored
 * against sbibm's references on its 10 observations, sorted the same way: 10,000 draws from {@code Rng.seeded(k)},
 * C2ST seed k. An experiment, not the default.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.SortedRowsEvaluation slcp 2 10000 1}
 */
public final class SortedRowsEvaluation {
    private SortedRowsEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: SortedRowsEvaluation task row-length simulations seed");
        }
        Task task = TaskCatalog.byName(args[0]);
        int row = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data was not found from " + Path.of("").toAbsolutePath()));
        Simulator inner = task.simulator();
        Simulator sorting = new Simulator() {
            @Override
            public int parameterDim() {
                return inner.parameterDim();
            }

            @Override
            public int dataDim() {
                return inner.dataDim();
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                return sorted(inner.simulate(theta, rng), row);
            }
        };
        Task sorted = new ForwardingTask(task) {
            @Override
            public Simulator simulator() {
                return sorting;
            }
        };
        NpePosterior q = new DefaultNpe().train(sorted, n, Rng.seeded(Long.parseLong(args[3])), new CostMeter());
        System.out.printf(Locale.ROOT, "%s, rows of %d sorted, %d simulations: kept %s, training %.1f CPU s%n",
                task.name(), row, n, q.config().label(), q.costLedger().fixed().cpuSeconds());
        double sum = 0;
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            Samples draws = q.sample(sorted(data.observation(task.name(), k), row), 10_000, Rng.seeded(k));
            double c2st = C2st.score(data.reference(task.name(), k), draws, k);
            sum += c2st;
            System.out.printf(Locale.ROOT, "%d\t%.4f%n", k, c2st);
        }
        System.out.printf(Locale.ROOT, "mean\t%.4f%n", sum / SbibmData.OBSERVATIONS);
    }

    /** {@code x}'s rows of {@code row} values, ordered by their first value. */
    static double[] sorted(double[] x, int row) {
        Integer[] order = new Integer[x.length / row];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i * row]));
        double[] out = new double[x.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(x, order[k] * row, out, k * row, row);
        }
        return out;
    }
}
