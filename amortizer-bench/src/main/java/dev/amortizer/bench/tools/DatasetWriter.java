package dev.amortizer.bench.tools;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the project's own observations and reference samples for a task in sbibm's layout:
 * {@code DIR/<task>/num_observation_<k>/{observation, true_parameters, reference_samples}.csv.gz} and
 * {@code DIR/<task>/MADE_BY.md} with the command, each observation's seed and the sha256 of every file.
 *
 * <p>Observation k uses seed s = 1,000,000 + (k − 1) (sbibm's default numbering): {@code Rng.seeded(s)} is split
 * into three children, used in order for θ* ~ prior, x_o ~ simulator(θ*) and the 10,000 reference draws. Where
 * x_o is not finite (a failed ODE solve) the seed moves on by 100 and the seed used is recorded. Values are
 * written as float32 text, as sbibm's files are.
 *
 * <p>{@code java -cp ... dev.amortizer.bench.tools.DatasetWriter datasets sir [draws]}
 */
public final class DatasetWriter {
    static final int OBSERVATIONS = 10;

    private DatasetWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: DatasetWriter DIR task [draws]");
        }
        Path root = Path.of(args[0]);
        Task task = TaskCatalog.byName(args[1]);
        int draws = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path dir = root.resolve(task.name());
        StringBuilder md = new StringBuilder("# " + task.name() + "\n\nMade by\n\n```\n"
                + "mvn -q -B -o package -DskipTests && java -cp 'amortizer-bench/target/amortizer-bench-0.1.0-SNAPSHOT.jar:"
                + "amortizer-bench/target/lib/*' dev.amortizer.bench.tools.DatasetWriter datasets " + task.name()
                + (draws == 10_000 ? "" : " " + draws) + "\n```\n\n"
                + "Observation k: seed s (1,000,000 + k − 1 unless noted); `Rng.seeded(s)` split three ways, in order: "
                + "θ* ~ prior, x_o ~ simulator(θ*), " + draws + " draws of the task's reference sampler "
                + "(`amortizer tasks` says which). Float32 text, gzip.\n\n| k | seed | file | sha256 |\n|---|---:|---|---|\n");
        for (int k = 1; k <= OBSERVATIONS; k++) {
            long seed = 1_000_000L + k - 1;
            Rng[] streams;
            double[] theta;
            double[] x;
            while (true) {
                streams = Rng.seeded(seed).split(3);
                theta = task.prior().sample(streams[0]);
                x = task.simulator().simulate(theta, streams[1]);
                if (finite(x)) {
                    break;
                }
                seed += 100;
            }
            Samples reference = task.referencePosterior().orElseThrow(() ->
                    new IllegalArgumentException("task " + task.name() + " has no reference sampler"))
                    .sample(x, draws, streams[2]);
            Path folder = dir.resolve("num_observation_" + k);
            Files.createDirectories(folder);
            write(md, k, seed, folder.resolve("observation.csv.gz"), Samples.of(task.dataNames(), new double[][] {x}));
            write(md, k, seed, folder.resolve("true_parameters.csv.gz"),
                    Samples.of(task.parameterNames(), new double[][] {theta}));
            write(md, k, seed, folder.resolve(SbibmData.OWN_REFERENCE_FILE), reference);
            System.out.println(task.name() + " observation " + k + " (seed " + seed + ") written");
        }
        dev.amortizer.data.AtomicFiles.writeString(dir.resolve("MADE_BY.md"), md.toString());
    }

    private static void write(StringBuilder md, int k, long seed, Path file, Samples samples) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", samples.names())).append('\n');
        for (int i = 0; i < samples.size(); i++) {
            for (int j = 0; j < samples.dim(); j++) {
                csv.append(j == 0 ? "" : ",").append((float) samples.get(i, j));
            }
            csv.append('\n');
        }
        dev.amortizer.data.AtomicFiles.write(file, raw -> {
            try (OutputStream out = new GZIPOutputStream(raw)) {
                out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        md.append("| ").append(k).append(" | ").append(seed).append(" | ")
                .append(file.getParent().getFileName()).append('/').append(file.getFileName()).append(" | ")
                .append(sha256(file)).append(" |\n");
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static boolean finite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

}
