package dev.amortizer.bench.tools;

import dev.amortizer.bench.TrainingProgressBars;
import dev.amortizer.bijection.Bijection;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.npe.fmpe.FlowOde;
import dev.amortizer.npe.fmpe.VelocityField;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.CandidateSelection;
import dev.amortizer.training.Standardization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How accurate the across-families rule's criterion is: trains {@code DefaultNpe.acrossFamilies()} as the rule does
 * (or loads the candidates an earlier run saved), recomputes every candidate's held-out −log q (not renormalised) on
 * the rule's set-aside pairs beside the score the rule recorded (the two differ by the rule's renormalisation of
 * truncated candidates, and for models scored by an earlier criterion), then
 * <ul>
 * <li>for FMPE, its −log q by the continuous ODE's divergence integral at several numbers of RK4 steps, against
 * the most, and by the exact density of its sampler's 20-step map ({@link FlowOde#logDensityOfDraws}): the mean
 * and the spread over the pairs of each difference;</li>
 * <li>for every candidate truncated to the prior's box, the in-box mass Z(x) of its untruncated draws at each
 * set-aside x ({@link NpePosterior#supportMass}): the density of its draws is q / Z, so its criterion would fall by
 * the mean log Z.</li>
 * </ul>
 * The measurement behind results/selection.md's "How accurate the criterion is".
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.CriterionAccuracy two_moons 10000 1 DIR [20,40,80,200,400]
 * [MASS_DRAWS] [FMPE_MASS_DRAWS]}: task, simulations, seed, a directory for the candidates' model files and the
 * set-aside pairs (written by the first run, read by later ones), the continuous density's step counts (the last is
 * the reference), untruncated draws per x for Z (default 1,000; FMPE's, 80 network passes each, default 200). Z's
 * draws for pair i of candidate k come from {@code Rng.seeded(seed + 1)}'s k-th split's i-th split.
 */
public final class CriterionAccuracy {
    private static final String PAIRS = "held-out-pairs.txt";
    private static final String KEPT = "kept.zip";

    private CriterionAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: CriterionAccuracy TASK SIMULATIONS SEED DIR [STEPS,...] [MASS_DRAWS]"
                    + " [FMPE_MASS_DRAWS]");
            System.exit(2);
        }
        Task task = TaskCatalog.byName(args[0]);
        int simulations = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        Path dir = Path.of(args[3]);
        int[] steps = Arrays.stream((args.length > 4 ? args[4] : "20,40,80,200,400").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int massDraws = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        int fmpeMassDraws = args.length > 6 ? Integer.parseInt(args[6]) : 200;

        Fits fits = Files.exists(dir.resolve(PAIRS)) ? load(task, dir) : train(task, simulations, seed, dir);
        CandidateSelection selection = fits.kept.provenance().selection();
        System.out.printf(Locale.ROOT, "%s, %d simulations, seed %d: %d set-aside pairs; kept %s%n", task.name(),
                simulations, seed, fits.theta.length, selection.chosen());

        for (int k = 0; k < fits.candidates.size(); k++) {
            NpePosterior q = fits.candidates.get(k);
            if (q != null && q.config().estimator() == Estimator.FMPE) {
                fmpe(q, selection.candidates().get(k).label(), fits.theta, fits.x, steps);
            }
        }
        System.out.println();
        System.out.println("| candidate | recorded −log q | −log q now | in-box mass Z: mean log Z ± its standard error,"
                + " min Z, pairs with Z < 0.99 | −log q now + log Z (the draws' density) |");
        System.out.println("|---|---:|---:|---|---:|");
        Rng[] massRngs = Rng.seeded(seed + 1).split(fits.candidates.size());
        for (int k = 0; k < fits.candidates.size(); k++) {
            NpePosterior q = fits.candidates.get(k);
            CandidateSelection.Score score = selection.candidates().get(k);
            if (q == null) {
                System.out.printf(Locale.ROOT, "| %s | failed | | | |%n", score.label());
                continue;
            }
            double[] lq = q.logDensity(fits.theta, fits.x);
            double sum = 0;
            for (double v : lq) {
                sum -= v; // as HeldOutSelection sums it
            }
            double recomputed = sum / lq.length;
            if (Double.compare(recomputed, score.value()) != 0) {
                System.out.printf(Locale.ROOT, "note: %s's mean −log q %.10f by this build differs from the %.10f"
                        + " the rule recorded (renormalised, or by an earlier criterion)%n", score.label(), recomputed,
                        score.value());
            }
            String mass = "— (no truncation)";
            String renormalised = "";
            if (q.config().support() == SupportHandling.TRUNCATION) {
                long t0 = System.nanoTime();
                Rng[] rngs = massRngs[k].split(fits.x.length);
                int draws = q.config().estimator() == Estimator.FMPE ? fmpeMassDraws : massDraws;
                double[] z = new double[fits.x.length];
                IntStream.range(0, z.length).parallel().forEach(i -> z[i] = q.supportMass(fits.x[i], draws,
                        rngs[i]));
                double meanLogZ = mean(Arrays.stream(z).map(Math::log).toArray());
                // binomial noise of each log Ẑ by the delta method: variance (1 − Z)/(Z M), bias −(1 − Z)/(2 Z M)
                double spread = Arrays.stream(z).filter(v -> v > 0).map(v -> (1 - v) / (v * draws)).sum();
                mass = String.format(Locale.ROOT, "%.5f ± %.5f (bias ≈ %.5f), %.3f, %d (%d draws per x, %.0f s)",
                        meanLogZ, Math.sqrt(spread) / z.length, -spread / 2 / z.length,
                        Arrays.stream(z).min().orElse(1), Arrays.stream(z).filter(v -> v < 0.99).count(), draws,
                        (System.nanoTime() - t0) / 1e9);
                renormalised = String.format(Locale.ROOT, "%.4f", recomputed + meanLogZ);
            }
            System.out.printf(Locale.ROOT, "| %s%s | %.4f | %.4f | %s | %s |%n", score.label(),
                    score.label().equals(selection.chosen()) ? " (kept)" : "", score.value(), recomputed, mass,
                    renormalised);
        }

    }

    /** FMPE's −log q on the pairs by the continuous density at each step count and by its draws' density. */
    private static void fmpe(NpePosterior q, String label, double[][] theta, double[][] x, int[] steps) {
        NpeConfig config = q.config();
        Task task = q.task();
        VelocityField field = VelocityField.restore(task.parameterDim(), task.dataDim(),
                config.matching().frequencies(), config.hiddenWidths(), config.activation(), q.weights());
        Standardization st = q.standardization();
        Bijection bijection = q.bijection();
        int n = theta.length;
        double[][] z = new double[n][];
        double[][] c = new double[n][];
        double[] correction = new double[n];
        for (int r = 0; r < n; r++) {
            double[] u = bijection == null ? theta[r] : bijection.inverse(theta[r]);
            z[r] = st.standardizeTheta(u);
            c[r] = st.standardizeX(x[r]);
            correction[r] = st.logThetaScale() + (bijection == null ? 0 : bijection.logAbsDetJacobian(u));
        }
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int s : steps) {
            long t0 = System.nanoTime();
            values.add(inSlices(z, c, correction, (zs, cs) -> FlowOde.logDensity(field, zs, cs, s)));
            seconds.add((System.nanoTime() - t0) / 1e9);
            names.add("continuous ODE, " + s + " RK4 steps back" + (s == config.matching().odeSteps()
                    ? " (the criterion as recorded)" : ""));
        }
        int sampler = config.matching().odeSteps();
        long t0 = System.nanoTime();
        values.add(inSlices(z, c, correction, (zs, cs) -> FlowOde.logDensityOfDraws(field, zs, cs, sampler)));
        seconds.add((System.nanoTime() - t0) / 1e9);
        names.add("the draws' density: the sampler's " + sampler + "-step RK4 map, exact");
        double[] reference = values.get(steps.length - 1);
        System.out.println();
        System.out.printf(Locale.ROOT, "%s on %d set-aside pairs; difference = −log q − (−log q by %d steps), per"
                + " pair%n", label, n, steps[steps.length - 1]);
        System.out.println("| −log q by | mean −log q | difference: mean | sd | min | max | mean |d| | time |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int k = 0; k < values.size(); k++) {
            double[] v = values.get(k);
            double[] d = new double[n];
            for (int r = 0; r < n; r++) {
                d[r] = v[r] - reference[r];
            }
            long bad = Arrays.stream(v).filter(a -> !Double.isFinite(a)).count();
            System.out.printf(Locale.ROOT, "| %s | %.5f | %+.5f | %.5f | %+.4f | %+.4f | %.5f | %.1f s |%s%n",
                    names.get(k), mean(v), mean(d), sd(d), min(d), max(d), mean(Arrays.stream(d).map(Math::abs)
                            .toArray()), seconds.get(k), bad == 0 ? "" : " (" + bad + " rows not finite)");
        }
    }

    /** −log q over the rows, computed in parallel slices of 50 (each row's value depends on that row alone). */
    private static double[] inSlices(double[][] z, double[][] c, double[] correction,
                                     java.util.function.BiFunction<double[][], double[][], double[]> logQ) {
        int n = z.length;
        int slice = 50;
        double[] out = new double[n];
        IntStream.range(0, (n + slice - 1) / slice).parallel().forEach(k -> {
            int from = k * slice;
            int to = Math.min(n, from + slice);
            double[] part = logQ.apply(Arrays.copyOfRange(z, from, to), Arrays.copyOfRange(c, from, to));
            for (int r = from; r < to; r++) {
                out[r] = -(part[r - from] - correction[r]);
            }
        });
        return out;
    }

    private record Fits(List<NpePosterior> candidates, NpePosterior kept, double[][] theta, double[][] x) {
    }

    private static Fits train(Task task, int simulations, long seed, Path dir) throws IOException {
        List<DefaultNpe.HeldOutFits> seen = new ArrayList<>();
        long t0 = System.nanoTime();
        NpePosterior kept = DefaultNpe.acrossFamilies().onHeldOutFits(seen::add)
                .withListener(TrainingProgressBars.onConsole())
                .train(task, simulations, Rng.seeded(seed).split(), new CostMeter());
        DefaultNpe.HeldOutFits fits = seen.get(0);
        System.out.printf(Locale.ROOT, "%d candidates trained in %.1f s%n", fits.candidates().size(),
                (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(dir);
        ModelFile.save(kept, dir.resolve(KEPT));
        for (int k = 0; k < fits.candidates().size(); k++) {
            if (fits.candidates().get(k) != null) {
                ModelFile.save(fits.candidates().get(k), dir.resolve(k + ".zip"));
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < fits.theta().length; r++) {
            text.append(row(fits.theta()[r])).append(" | ").append(row(fits.x()[r])).append('\n');
        }
        Files.writeString(dir.resolve(PAIRS), text);
        return new Fits(fits.candidates(), kept, fits.theta(), fits.x());
    }

    private static Fits load(Task task, Path dir) throws IOException {
        NpePosterior kept = ModelFile.load(dir.resolve(KEPT), name -> task);
        List<NpePosterior> candidates = new ArrayList<>();
        for (int k = 0; k < kept.provenance().selection().candidates().size(); k++) {
            Path file = dir.resolve(k + ".zip");
            candidates.add(Files.exists(file) ? ModelFile.load(file, name -> task) : null);
        }
        List<String> lines = Files.readAllLines(dir.resolve(PAIRS));
        double[][] theta = new double[lines.size()][];
        double[][] x = new double[lines.size()][];
        for (int r = 0; r < lines.size(); r++) {
            String[] parts = lines.get(r).split(" \\| ");
            theta[r] = parse(parts[0]);
            x[r] = parse(parts[1]);
        }
        System.out.println("loaded the candidates and set-aside pairs from " + dir);
        return new Fits(candidates, kept, theta, x);
    }

    private static String row(double[] v) {
        StringBuilder s = new StringBuilder();
        for (double a : v) {
            s.append(s.isEmpty() ? "" : " ").append(a); // Double.toString reads back exactly
        }
        return s.toString();
    }

    private static double[] parse(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Summed in order, as the rule sums its criterion. */
    private static double mean(double[] v) {
        double sum = 0;
        for (double a : v) {
            sum += a;
        }
        return sum / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / (v.length - 1));
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
