package dev.amortizer.bench.tools;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.SbibmData;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The default NPE trained on log x instead of x, for a task whose x is positive (lotka_volterra: populations over four
 * decades with log-normal noise), trained on the same pairs as {@code train --seed SEED} (the simulations' generators
 * are the same) and scored against sbibm's references on its 10 observations (their logs): 10,000 draws from
 * {@code Rng.seeded(k)}, C2ST seed k. A log of x is a bijection of the data, so the reference posteriors are the
 * task's own. An experiment, not the default.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.LogDataEvaluation lotka_volterra 10000 1}
 */
public final class LogDataEvaluation {
    private LogDataEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LogDataEvaluation task simulations seed");
        }
        Task task = TaskCatalog.byName(args[0]);
        int n = Integer.parseInt(args[1]);
        Task logged = logOf(task);
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data was not found from " + Path.of("").toAbsolutePath()));
        CostMeter meter = new CostMeter();
        NpePosterior q = new DefaultNpe().train(logged, n, Rng.seeded(Long.parseLong(args[2])), meter);
        System.out.printf(Locale.ROOT, "%s on log x, %d simulations: kept %s, training %.1f CPU s%n", task.name(), n,
                q.config().label(), q.costLedger().fixed().cpuSeconds());
        double sum = 0;
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            double[] x = data.observation(task.name(), k).clone();
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.log(x[i]);
            }
            Samples draws = q.sample(x, 10_000, Rng.seeded(k));
            double c2st = C2st.score(data.reference(task.name(), k), draws, k);
            sum += c2st;
            System.out.printf(Locale.ROOT, "%d\t%.4f%n", k, c2st);
        }
        System.out.printf(Locale.ROOT, "mean\t%.4f%n", sum / SbibmData.OBSERVATIONS);
    }

    /** {@code task} with x replaced by its elementwise log (x must be positive), under another name. */
    static Task logOf(Task task) {
        Simulator inner = task.simulator();
        Simulator logged = new Simulator() {
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
                double[] x = inner.simulate(theta, rng);
                for (int i = 0; i < x.length; i++) {
                    x[i] = x[i] > 0 ? Math.log(x[i]) : Double.NaN;
                }
                return x;
            }
        };
        return new Task() {
            @Override
            public String name() {
                return task.name() + "_log_x";
            }

            @Override
            public Prior prior() {
                return task.prior();
            }

            @Override
            public Simulator simulator() {
                return logged;
            }

            @Override
            public List<String> parameterNames() {
                return task.parameterNames();
            }

            @Override
            public List<String> dataNames() {
                return task.dataNames();
            }
        };
    }
}
