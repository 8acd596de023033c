package dev.amortizer.cli;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.bench.report.ObservationCheckFile;
import dev.amortizer.diagnostics.observation.CheckOptions;
import dev.amortizer.diagnostics.observation.ObservationChecks;
import dev.amortizer.diagnostics.observation.ObservationReport;
import dev.amortizer.diagnostics.observation.Typicality;
import dev.amortizer.diagnostics.observation.TypicalityReference;
import dev.amortizer.escalation.QueryGate;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code sample --check}: the per-observation checks of the answer, their report on standard error and, with
 * {@code --check-out}, as JSON. Typicality is tested before the draws, so an observation the model cannot answer
 * (its draws fail) is already said to be atypical or not. The checks' generator is a child of the seed's, so the
 * draws written are those of a run without {@code --check}.
 */
final class ObservationCheckRun {
    private final PrintWriter err;
    private final Task task;
    private final double[] x;
    private final CheckOptions options;
    private final Rng rng;
    private final TypicalityReference reference;

    private ObservationCheckRun(PrintWriter err, Task task, double[] x, CheckOptions options, Rng rng,
                                TypicalityReference reference) {
        this.err = err;
        this.task = task;
        this.x = x.clone();
        this.options = options;
        this.rng = rng;
        this.reference = reference;
    }

    /** Prepares the typicality reference and says whether x is typical, before any draw. */
    static ObservationCheckRun before(PrintWriter err, Task task, double[] x, SeedOption seed) {
        CheckOptions options = CheckOptions.defaults().withThreads(Runtime.getRuntime().availableProcessors());
        Rng rng = seed.rng().split();
        err.printf("checking the observation: %,d + %,d simulations of the prior predictive%n",
                options.referenceSimulations(), options.calibrationSimulations());
        err.flush();
        ObservationCheckRun run = new ObservationCheckRun(err, task, x, options, rng,
                TypicalityReference.prepare(task, options, rng.split()));
        Typicality t = run.reference.test(x);
        err.printf(Locale.ROOT, "the observation is %s of the simulations (MMD p-value %.3g)%n",
                t.atypical() ? "ATYPICAL" : "typical", t.pValue());
        err.flush();
        return run;
    }

    /** The typicality test as the escalation's gate: an atypical observation is not answered by the amortiser alone. */
    QueryGate gate() {
        return reference::atypical;
    }

    /** The remaining checks of the answer, then the whole report. */
    void after(AmortisedPosterior posterior, Path model, Path observation, long seed, Path checkOut)
            throws IOException {
        err.printf("checking the answer: %,d simulations from the posterior%n", options.predictiveDraws());
        err.flush();
        ObservationReport report = ObservationChecks.run(task, posterior, x, reference, options, rng.split())
                .plusCost(reference.cost());
        ObservationCheckFile file = ObservationCheckFile.of(report, task.name(), String.valueOf(model.getFileName()),
                String.valueOf(observation), seed, task.dataNames(), x);
        err.print(file.text());
        if (checkOut != null) {
            file.write(checkOut);
            err.println("wrote the check's report to " + checkOut);
        }
        err.flush();
    }
}
