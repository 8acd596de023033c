package dev.amortizer.cli;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.diagnostics.C2st;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code amortizer c2st REF OTHER}: prints the C2ST accuracy exactly as sbibm computes it. */
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
        spec.commandLine().getOut().printf("%.4f%n", C2st.score(ref, oth, seed.seed));
        return 0;
    }
}
