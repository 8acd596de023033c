package dev.amortizer.bench.tools;

import dev.amortizer.bench.TrainingProgressBars;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.CandidateSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains {@code DefaultNpe.acrossFamilies()} on a task and scores every candidate, not only the kept one: its
 * held-out −log q (the rule's criterion), a joint C2ST on fresh simulated pairs ((θ, x) against (θ̃ ~ q(· | x), x),
 * a criterion that needs only draws) and the reference C2ST over sbibm's observations. The measurement behind
 * results/selection.md.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.SelectionEvaluation two_moons 10000 1 [1,2,3] [2000]}: task,
 * simulations, seed, observations (default all 10), joint pairs (default 2,000). Training uses
 * {@code Rng.seeded(seed)}'s first split, observation k's query the k-th of ten further splits, C2ST the seed
 * seed + k; the joint pairs the next split, and each candidate's draws for them the candidate's own split after it.
 */
public final class SelectionEvaluation {
    private static final int DRAWS = 10_000;

    private SelectionEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: SelectionEvaluation TASK SIMULATIONS SEED [OBSERVATIONS,...] [JOINT_PAIRS]");
            System.exit(2);
        }
        Task task = TaskCatalog.byName(args[0]);
        int simulations = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        List<Integer> which = new ArrayList<>();
        if (args.length > 3 && !args[3].equals("all")) {
            for (String k : args[3].split(",")) {
                which.add(Integer.parseInt(k.trim()));
            }
        } else {
            for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
                which.add(k);
            }
        }
        int jointPairs = args.length > 4 ? Integer.parseInt(args[4]) : 2_000;
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data was not found from " + Path.of("").toAbsolutePath()));
        Rng rng = Rng.seeded(seed);
        List<NpePosterior> every = new ArrayList<>();
        long t0 = System.nanoTime();
        NpePosterior kept = DefaultNpe.acrossFamilies().onEveryCandidate(every::addAll)
                .withListener(TrainingProgressBars.onConsole()).train(task, simulations, rng.split(), new CostMeter());
        System.out.printf(Locale.ROOT, "%s: %d candidates trained on %d simulations in %.1f s%n", task.name(),
                every.size(), simulations, (System.nanoTime() - t0) / 1e9);
        CandidateSelection selection = kept.provenance().selection();
        System.out.println("selection: " + selection.summary());
        Rng[] queries = rng.split(SbibmData.OBSERVATIONS);
        Rng jointRng = rng.split();
        double[][] simulatedTheta = task.prior().sample(jointPairs, jointRng);
        double[][] simulatedX = task.simulator().simulate(simulatedTheta, jointRng);
        int[] finite = java.util.stream.IntStream.range(0, jointPairs)
                .filter(i -> java.util.Arrays.stream(simulatedX[i]).allMatch(Double::isFinite)).toArray();
        double[][] theta = java.util.Arrays.stream(finite).mapToObj(i -> simulatedTheta[i]).toArray(double[][]::new);
        double[][] x = java.util.Arrays.stream(finite).mapToObj(i -> simulatedX[i]).toArray(double[][]::new);
        Rng[] jointDraws = jointRng.split(every.size());
        System.out.println("| candidate | held-out −log q | joint C2ST | epochs (best) | C2ST per observation | mean C2ST |");
        System.out.println("|---|---:|---:|---|---|---:|");
        for (int c = 0; c < every.size(); c++) {
            NpePosterior q = every.get(c);
            CandidateSelection.Score score = selection.candidates().get(c);
            if (q == null) {
                System.out.printf(Locale.ROOT, "| %s | failed: %s | | | | |%n", score.label(), score.failure());
                continue;
            }
            double joint = jointC2st(task, q, theta, x, jointDraws[c], seed);
            StringBuilder per = new StringBuilder();
            double sum = 0;
            long q0 = System.nanoTime();
            for (int k : which) {
                Samples s = q.sample(data.observation(task.name(), k), DRAWS, queries[k - 1]);
                double c2st = C2st.score(data.reference(task.name(), k), s, seed + k);
                sum += c2st;
                per.append(String.format(Locale.ROOT, "%s%.3f", per.isEmpty() ? "" : " ", c2st).replace("0.", "."));
            }
            System.out.printf(Locale.ROOT, "| %s%s | %.4f | %.4f | %d (%d) | %s | %.4f |  (queries and C2STs %.0f s)%n",
                    score.label(), score.label().equals(selection.chosen()) ? " (kept)" : "",
                    score.value(), joint, q.provenance().epochs(), q.provenance().bestEpoch(), per, sum / which.size(),
                    (System.nanoTime() - q0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%s %d simulations seed %d, observations %s, %d joint pairs (%d finite)%n",
                task.name(), simulations, seed, which, jointPairs, x.length);
    }

    /** C2ST of the simulated pairs (θ, x) against (θ̃, x), θ̃ one draw of q(· | x) per pair. */
    private static double jointC2st(Task task, NpePosterior q, double[][] theta, double[][] x, Rng rng, long seed) {
        List<Samples> draws = q.sample(x, 1, rng);
        double[][] real = new double[x.length][];
        double[][] fake = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            real[i] = concat(theta[i], x[i]);
            fake[i] = concat(draws.get(i).row(0), x[i]);
        }
        List<String> names = Samples.defaultNames("v", task.parameterDim() + task.dataDim());
        return C2st.score(Samples.of(names, real), Samples.of(names, fake), seed);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
