package dev.amortizer.diagnostics;

import dev.amortizer.data.SamplesCsv;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Command-line twin of {@code shared/scripts/c2st-sklearn}, for cross-checking against
 * scikit-learn: {@code C2stCli REFERENCE.csv[.gz] OTHER.csv[.gz] [seed] [threads]} prints the
 * score, the per-fold accuracies and epochs, and the wall time. Run it from the test classpath.
 */
public final class C2stCli {
    private C2stCli() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: C2stCli REFERENCE.csv[.gz] OTHER.csv[.gz] [seed] [threads]");
            System.exit(2);
        }
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        C2stOptions options = C2stOptions.defaults();
        if (args.length > 3) {
            options = options.withThreads(Integer.parseInt(args[3]));
        }
        C2stResult result = C2st.run(SamplesCsv.read(Path.of(args[0])), SamplesCsv.read(Path.of(args[1])), seed, options);
        System.out.printf("%.4f folds=%s epochs=%s rows=%d threads=%d wall=%.2fs%n", result.accuracy(),
                result.foldAccuracies(), result.foldEpochs(), result.rows(), options.threads(), result.wallSeconds());
    }
}
