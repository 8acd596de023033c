package dev.amortizer.cli;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.bench.report.ObservationCheckFile;
import dev.amortizer.diagnostics.observation.CheckOptions;
import dev.amortizer.diagnostics.observation.ObservationChecks;
import dev.amortizer.diagnostics.observation.ObservationReport;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code sample --check}: the per-observation checks of the answer just written, their report on standard error and,
 * with {@code --check-out}, as JSON. Its generator is a child of the seed's, so the draws written are those of a
 * run without {@code --check}.
 */
final class ObservationCheckRun {
    private ObservationCheckRun() {
    }

    static void run(PrintWriter err, Task task, AmortisedPosterior posterior, double[] x, Path model, Path observation,
                    SeedOption seed, Path checkOut) throws IOException {
        CheckOptions options = CheckOptions.defaults().withThreads(Runtime.getRuntime().availableProcessors());
        err.printf("checking the answer: %,d + %,d simulations of the prior predictive, %,d from the posterior%n",
                options.referenceSimulations(), options.calibrationSimulations(), options.predictiveDraws());
        err.flush();
        ObservationReport report = ObservationChecks.run(task, posterior, x, options, seed.rng().split());
        ObservationCheckFile file = ObservationCheckFile.of(report, task.name(), String.valueOf(model.getFileName()),
                String.valueOf(observation), seed.seed, task.dataNames(), x);
        err.print(file.text());
        if (checkOut != null) {
            file.write(checkOut);
            err.println("wrote the check's report to " + checkOut);
        }
        err.flush();
    }
}
