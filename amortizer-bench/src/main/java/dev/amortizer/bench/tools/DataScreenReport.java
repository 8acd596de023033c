package dev.amortizer.bench.tools;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.DataScreen;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.LogScale;
import dev.amortizer.training.TrainingData;
import dev.amortizer.training.TrainingSimulations;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the default NPE's data screen ({@link DataScreen}) and log scale ({@link LogScale}) find on a catalogue task:
 * simulates {@code n} pairs from {@code Rng.seeded(seed)}, holds out 10% as training does, maps θ by the prior's
 * bijection, and prints the columns ignored and the margins: the weakest column kept and the strongest ignored (F
 * statistic over its critical value; above 1 is kept), or that the pairs were too few to screen; then the columns read
 * on the log scale with their gains (nats per pair; above {@code LogScale}'s 0.1 is logged) and the positive columns'
 * gains left below it.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.DataScreenReport slcp_distractors 10000 1}
 */
public final class DataScreenReport {
    private DataScreenReport() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DataScreenReport task simulations seed");
        }
        Task task = TaskCatalog.byName(args[0]);
        int n = Integer.parseInt(args[1]);
        Rng rng = Rng.seeded(Long.parseLong(args[2]));
        TrainingSimulations sims = TrainingSimulations.simulate(task, n, rng.split(), new CostMeter());
        Bijection bijection = Bijection.forSupport(task.prior().support());
        TrainingData data = TrainingData.prepare(sims, 0.1, InvalidSimulations.DROP, bijection::inverse, true,
                rng.split());
        DataScreen.Result r = DataScreen.screen(data.theta(), sims.x(), data.training());
        if (r.strength().length == 0) {
            System.out.printf(Locale.ROOT, "%s\t%d\tnot screened: too few pairs to resolve R² = 0.01%n", task.name(), n);
        } else {
            printScreen(task, n, r);
        }
        TrainingData prepared = data.screened().logScaled(task.dataSupport());
        int[] logged = prepared.standardization().loggedX();
        int[] ignored = prepared.standardization().ignoredX();
        int[] signed = LogScale.signedBySupport(task.dataSupport());
        StringBuilder gains = new StringBuilder();
        for (int j = 0; j < task.dataDim(); j++) {
            if (LogScale.positive(sims.x(), data.training(), j)) {
                String why = Arrays.binarySearch(logged, j) >= 0 ? ""
                        : Arrays.binarySearch(ignored, j) >= 0 ? " (ignored)"
                        : Arrays.binarySearch(signed, j) >= 0 ? " (the task's support is signed)" : " (as is)";
                gains.append(String.format(Locale.ROOT, " %d:%.3f%s", j + 1, LogScale.gain(sims.x(),
                        data.training(), j), why));
            }
        }
        System.out.printf(Locale.ROOT, "%s\t%d\tlog scale: %d of %d columns\tgains of the positive columns:%s%n",
                task.name(), n, logged.length, task.dataDim(), gains.length() == 0 ? " none positive" : gains);
    }

    private static void printScreen(Task task, int n, DataScreen.Result r) {
        double weakestKept = Double.POSITIVE_INFINITY;
        double strongestIgnored = 0;
        for (int j = 0; j < r.strength().length; j++) {
            boolean ignored = Arrays.binarySearch(r.ignored(), j) >= 0;
            if (ignored) {
                strongestIgnored = Math.max(strongestIgnored, r.strength()[j]);
            } else {
                weakestKept = Math.min(weakestKept, r.strength()[j]);
            }
        }
        System.out.printf(Locale.ROOT, "%s\t%d\tignored %d of %d\tweakest kept %.3g\tstrongest ignored %.3g\t%s%n",
                task.name(), n, r.ignored().length, task.dataDim(), weakestKept, strongestIgnored,
                Arrays.toString(Arrays.stream(r.ignored()).map(c -> c + 1).toArray()));
    }
}
