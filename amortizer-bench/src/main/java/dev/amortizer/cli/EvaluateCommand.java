package dev.amortizer.cli;

import dev.amortizer.data.AtomicFiles;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.model.ModelFile;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.random.Rng;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amortizer evaluate --model M}: C2ST of a trained posterior against sbibm's reference posteriors on the
 * task's 10 benchmark observations, with the wall time of each query (for NLE and NRE models, their MCMC included).
 */
@Command(name = "evaluate", description = "C2ST of a model against sbibm's reference posteriors on the 10"
        + " benchmark observations of its task.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file written by `amortizer train`")
    Path model;
    @Option(names = "--n", defaultValue = "10000", description = "draws per observation (default: ${DEFAULT-VALUE})")
    long n;
    @Option(names = "--observations", split = ",", description = "which of the 10 observations (default: all)")
    List<Integer> observations;
    @Option(names = "--out", description = "also write the table as Markdown to this file")
    Path out;
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every option is checked before the model's weights and ND4J are loaded (seconds)
        int draws = Inputs.positive("--n", n);
        List<Integer> which = observations == null
                ? java.util.stream.IntStream.rangeClosed(1, SbibmData.OBSERVATIONS).boxed().toList() : observations;
        if (which.isEmpty()) {
            throw new IllegalArgumentException("--observations: name at least one of 1.." + SbibmData.OBSERVATIONS);
        }
        for (int k : which) {
            if (k < 1 || k > SbibmData.OBSERVATIONS) {
                throw new IllegalArgumentException("--observations: " + k + " is not in 1.." + SbibmData.OBSERVATIONS);
            }
        }
        Inputs.file("--model", model);
        if (out != null) {
            Outputs.file(spec.commandLine().getErr(), "--out", out, model);
        }
        SbibmData data = SbibmData.locate().orElseThrow(() -> new IllegalArgumentException(
                "sbibm's reference data (../shared/sbibm) was not found from " + Path.of("").toAbsolutePath()));
        var manifest = ModelFile.readManifest(model);
        String task = manifest.task();
        // the sampler's tables and the reference the C2ST compares them with
        MemoryCheck.require("--n", draws, Inputs.task(task).parameterDim(), SampleCommand.DRAW_COPIES + 1,
                "draws");
        AmortisedPosterior q = ModelFile.loadAny(model, Inputs::task);
        PrintWriter stdout = spec.commandLine().getOut();
        Rng[] rngs = seed.rng().split(SbibmData.OBSERVATIONS);
        q.sample(data.observation(task, 1), draws, rngs[0].split()); // warms the JIT; not timed
        List<String> lines = new ArrayList<>();
        lines.add("| observation | C2ST | query ms |");
        lines.add("|---|---|---|");
        lines.forEach(stdout::println);
        double[] scores = new double[which.size()];
        double[] millis = new double[which.size()];
        for (int i = 0; i < which.size(); i++) {
            int k = which.get(i);
            long t0 = System.nanoTime();
            Samples s = q.sample(data.observation(task, k), draws, rngs[k - 1]);
            millis[i] = (System.nanoTime() - t0) / 1e6;
            scores[i] = C2st.score(data.reference(task, k), s, seed.seed + k);
            lines.add(String.format(Locale.ROOT, "| %d | %.4f | %.1f |", k, scores[i], millis[i]));
            stdout.println(lines.get(lines.size() - 1));
        }
        double mean = Arrays.stream(scores).average().orElseThrow();
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        String summary = String.format(Locale.ROOT, "%s %s-%s: mean C2ST %.4f (max %.4f) over %d observations;"
                + " median query %.1f ms for %,d draws", task, manifest.kind(), manifest.estimator(), mean,
                Arrays.stream(scores).max().orElseThrow(), scores.length, median, draws);
        stdout.println(summary);
        if (out != null) {
            lines.add("");
            lines.add(summary);
            AtomicFiles.writeString(out, String.join("\n", lines) + "\n");
        }
        return 0;
    }
}
