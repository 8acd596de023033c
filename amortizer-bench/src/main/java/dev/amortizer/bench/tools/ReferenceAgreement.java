package dev.amortizer.bench.tools;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The project's reference sampler against sbibm's reference samples: for each task and observation k, 10,000 draws
 * from {@code task.referencePosterior()} with {@code Rng.seeded(1000 + k)} for sbibm's x_o, then
 * {@code C2st.score(sbibm's, ours, k)}. Appends one tab-separated line per pair to OUT as it goes
 * (task, k, C2ST, seconds sampling, seconds C2ST), so a long run can be read while it works.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.ReferenceAgreement OUT.tsv sir,slcp:4-10 [1-10]} (a task may name its own
 * range of observations)
 */
public final class ReferenceAgreement {
    private ReferenceAgreement() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ReferenceAgreement OUT.tsv task[,task...] [observations, e.g. 1-10]");
        }
        Path out = Path.of(args[0]);
        int from = 1;
        int to = SbibmData.OBSERVATIONS;
        if (args.length > 2) {
            String[] range = args[2].split("-");
            from = Integer.parseInt(range[0]);
            to = Integer.parseInt(range[range.length - 1]);
        }
        SbibmData data = SbibmData.locate().orElseThrow(() ->
                new IllegalArgumentException("../shared/sbibm not found above the working directory"));
        for (String item : args[1].split(",")) {
            String[] parts = item.split(":");
            String name = parts[0];
            int first = from;
            int last = to;
            if (parts.length > 1) {
                String[] range = parts[1].split("-");
                first = Integer.parseInt(range[0]);
                last = Integer.parseInt(range[range.length - 1]);
            }
            Task task = TaskCatalog.byName(name);
            for (int k = first; k <= last; k++) {
                Samples theirs = data.reference(name, k);
                long t0 = System.nanoTime();
                Samples ours = task.referencePosterior().orElseThrow()
                        .sample(data.observation(name, k), theirs.size(), Rng.seeded(1000 + k));
                long t1 = System.nanoTime();
                double c2st = C2st.score(theirs, ours, k);
                long t2 = System.nanoTime();
                String line = String.format(Locale.ROOT, "%s\t%d\t%.4f\t%.1f\t%.1f%n", name, k, c2st,
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                System.out.print(line);
                Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }
}
