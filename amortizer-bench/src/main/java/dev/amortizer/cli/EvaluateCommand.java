package dev.amortizer.cli;

import dev.amortizer.data.AtomicFiles;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code amortizer evaluate --model M}: C2ST of a trained posterior against sbibm's reference posteriors on the
 * task's 10 benchmark observations, with the wall time of each query.
 */
@Command(name = "evaluate", description = "C2ST of a model against sbibm's reference posteriors on the 10"
        + " benchmark observations of its task.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file written by `amortizer train`")
    Path model;
    @Option(names = "--n", defaultValue = "10000", description = "draws per observation (default: ${DEFAULT-VALUE})")
    long n;
    @Option(names = "--out", description = "also write the table as Markdown to this file")
    Path out;
    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        int draws = Inputs.positive("--n", n);
        NpePosterior q = ModelFile.load(model, TaskCatalog::byName);
        String task = q.task().name();
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data (../shared/sbibm) was not found from " + Path.of("").toAbsolutePath()));
        Rng[] rngs = seed.rng().split(SbibmData.OBSERVATIONS);
        q.sample(data.observation(task, 1), draws, rngs[0].split()); // warms the JIT; not timed
        List<String> lines = new ArrayList<>();
        lines.add("| observation | C2ST | query ms |");
        lines.add("|---|---|---|");
        double[] scores = new double[SbibmData.OBSERVATIONS];
        double[] millis = new double[SbibmData.OBSERVATIONS];
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            long t0 = System.nanoTime();
            Samples s = q.sample(data.observation(task, k), draws, rngs[k - 1]);
            millis[k - 1] = (System.nanoTime() - t0) / 1e6;
            scores[k - 1] = C2st.score(data.reference(task, k), s, seed.seed + k);
            lines.add(String.format(Locale.ROOT, "| %d | %.4f | %.1f |", k, scores[k - 1], millis[k - 1]));
            System.out.println(lines.get(lines.size() - 1));
        }
        double mean = Arrays.stream(scores).average().orElseThrow();
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        String summary = String.format(Locale.ROOT, "%s npe-%s: mean C2ST %.4f (max %.4f) over %d observations;"
                + " median query %.1f ms for %,d draws", task, q.config().estimator().label(), mean,
                Arrays.stream(scores).max().orElseThrow(), scores.length, (sorted[4] + sorted[5]) / 2, draws);
        System.out.println(summary);
        if (out != null) {
            lines.add("");
            lines.add(summary);
            AtomicFiles.writeString(out, String.join("\n", lines) + "\n");
        }
        return 0;
    }
}
