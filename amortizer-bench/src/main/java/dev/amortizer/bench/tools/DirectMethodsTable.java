package dev.amortizer.bench.tools;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.direct.MultiChainSampler;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one direct method on the sbibm observations of one task: per observation the C2ST of its draws against
 * the reference posterior (the task's exact sampler where it has one, else sbibm's reference file), its wall time
 * and its convergence diagnostics, as a Markdown table on standard output. One untimed run of observation 1 first
 * warms the JIT; all queries run (timed) before any C2ST is computed.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.DirectMethodsTable TASK METHOD BUDGET [CHAINS] [OBSERVATIONS] [DRAWS] [C2ST:yes|no]
 * [BALANCE_DRAWS]} e.g. {@code gaussian_linear nuts 150000 4 1-10 10000 yes}; the seed of observation k is k; CHAINS 0
 * keeps the method's default; BALANCE_DRAWS (nuts and slice only) 0 pools the chains equally.
 */
public final class DirectMethodsTable {
    private DirectMethodsTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: TASK METHOD BUDGET [CHAINS] [FIRST-LAST] [DRAWS] [yes|no] [BALANCE_DRAWS]");
        }
        Task task = TaskCatalog.byName(args[0]);
        int chains = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        DirectMethod method = DirectMethods.byName(args[1], chains);
        if (args.length > 7 && method instanceof MultiChainSampler sampler) {
            MultiChainSampler.Config config = sampler.config().withBalanceDraws(Integer.parseInt(args[7]));
            method = args[1].equals("nuts") ? MultiChainSampler.nuts(config) : MultiChainSampler.slice(config);
        }
        long budget = Long.parseLong(args[2]);
        String[] range = (args.length > 4 ? args[4] : "1-10").split("-");
        int first = Integer.parseInt(range[0]);
        int last = Integer.parseInt(range[range.length - 1]);
        int draws = args.length > 5 ? Integer.parseInt(args[5]) : 10_000;
        boolean c2st = args.length <= 6 || args[6].equals("yes");
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalStateException("sbibm data not found"));

        method.run(task, data.observation(task.name(), 1), new long[] {budget}, draws, Rng.seeded(0));
        System.out.printf(Locale.ROOT, "%n%s on %s, budget %,d %s, %d draws%n%n", method.name(), task.name(), budget,
                method.unit().label(), draws);
        System.out.println("| obs | C2ST | wall s | cost (budget unit) | R-hat | bulk ESS | tail ESS | divergences | draws |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<AnytimeAnswer> answers = new ArrayList<>();
        for (int k = first; k <= last; k++) {
            answers.add(method.run(task, data.observation(task.name(), k), new long[] {budget}, draws, Rng.seeded(k)).get(0));
        }
        List<Double> scores = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int k = first; k <= last; k++) {
            AnytimeAnswer answer = answers.get(k - first);
            double[] x = data.observation(task.name(), k);
            double score = c2st ? C2st.score(reference(task, data, k, x, draws), answer.samples(), k) : Double.NaN;
            scores.add(score);
            times.add(answer.queryCost().wallSeconds());
            Map<String, Double> d = answer.diagnostics();
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.3f | %,d | %.4f | %.0f | %.0f | %.0f | %.0f |%n", k, score,
                    answer.queryCost().wallSeconds(), method.unit().spent(answer.queryCost()),
                    d.getOrDefault("rhat", Double.NaN), d.getOrDefault("ess_bulk", Double.NaN),
                    d.getOrDefault("ess_tail", Double.NaN), d.getOrDefault("divergences", Double.NaN),
                    d.getOrDefault("draws", Double.NaN));
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%nC2ST mean %.4f, max %.4f; wall time median %.3f s%n",
                Arrays.stream(s).average().orElse(Double.NaN), Arrays.stream(s).max().orElse(Double.NaN),
                t.length % 2 == 1 ? t[t.length / 2] : 0.5 * (t[t.length / 2 - 1] + t[t.length / 2]));
    }

    /** The task's exact posterior where it has one, else sbibm's reference draws. */
    private static Samples reference(Task task, SbibmData data, int k, double[] x, int draws) {
        if (task.referencePosterior().isPresent() && !task.name().equals("two_moons")) {
            return task.referencePosterior().get().sample(x, draws, Rng.seeded(1_000 + k));
        }
        try {
            return SamplesCsv.read(data.referenceFile(task.name(), k));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
