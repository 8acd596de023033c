package dev.amortizer.cli;

import dev.amortizer.data.Quoted;
import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.diagnostics.C2stOptions;
import dev.amortizer.diagnostics.C2stResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code amortizer c2st REF OTHER}: prints the C2ST accuracy as sbibm computes it. Sets of different sizes are
 * compared on min(rows) rows of each, the larger subsampled at random with {@code --seed} (said on stderr); a
 * score below 0.5 is chance, and stderr says so.
 */
@Command(name = "c2st", description = "Classifier two-sample test accuracy (0.5 = indistinguishable).")
final class C2stCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "reference samples CSV")
    Path reference;
    @Parameters(index = "1", description = "samples to compare")
    Path other;
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inputs.file("REF", reference);
        Inputs.file("OTHER", other);
        Samples ref = SamplesCsv.read(reference);
        Samples oth = SamplesCsv.read(other);
        if (ref.dim() != oth.dim()) {
            throw new IllegalArgumentException(reference + " has " + ref.dim() + " columns but " + other + " has "
                    + oth.dim());
        }
        // Columns are compared by position; the same names in another order would compare unlike with unlike.
        if (!ref.names().equals(oth.names()) && new HashSet<>(ref.names()).equals(new HashSet<>(oth.names()))) {
            throw new IllegalArgumentException(other + " lists the columns of " + reference + " in another order ("
                    + Quoted.plain(String.join(",", oth.names())) + " against "
                    + Quoted.plain(String.join(",", ref.names())) + "); columns are compared by position, so reorder them");
        }
        PrintWriter err = spec.commandLine().getErr();
        C2stOptions options = C2stOptions.defaults();
        int n = C2st.rowsUsed(ref.size(), oth.size(), options);
        if (n >= C2st.MIN_ROWS && (ref.size() != n || oth.size() != n)) {
            err.println("c2st: warning: " + reference + " has " + ref.size() + " rows and " + other + " has "
                    + oth.size() + "; comparing " + n + " rows of each, a larger set's drawn at random with --seed "
                    + seed.seed + " (sbibm compares 10,000 against 10,000)");
        }
        C2stResult result = C2st.run(ref, reference.toString(), oth, other.toString(), seed.seed, options);
        spec.commandLine().getOut().printf("%.4f%n", result.accuracy());
        spec.commandLine().getOut().flush();
        if (result.accuracy() < 0.5) {
            err.printf("c2st: note: %.4f is below 0.5, which only chance gives (standard error about %.2f with %d rows"
                    + " per set); read it as indistinguishable%n", result.accuracy(), 0.5 / Math.sqrt(2.0 * n), n);
        }
        err.flush();
        return 0;
    }
}
