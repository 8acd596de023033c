package dev.amortizer.cli;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.bench.report.CheckReport;
import dev.amortizer.bench.report.CheckReportWriter;
import dev.amortizer.diagnostics.calibration.Calibration;
import dev.amortizer.diagnostics.calibration.CalibrationResult;
import dev.amortizer.model.ModelFile;
import dev.amortizer.task.Task;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code amortizer check}: calibration of a trained model of any kind on held-out simulations of its own task (SBC,
 * HPD coverage, TARP, z-scores and contraction), for a model whose task has no reference posterior to compare with.
 */
@Command(name = "check", description = "Check a trained model's calibration on held-out simulations (SBC, coverage,"
        + " TARP).")
final class CheckCommand extends SeededCommand {
    /** Tables of draws held at once: every query's draws as rows, and each query's {@code Samples} as it is copied. */
    static final double DRAW_COPIES = 2;

    @Option(names = "--model", required = true, description = "model file written by `amortizer train`")
    Path model;
    @Option(names = "--simulations", defaultValue = "1000",
            description = "held-out simulations from the prior and simulator (default: ${DEFAULT-VALUE})")
    long simulations;
    @Option(names = "--draws", defaultValue = "200",
            description = "posterior draws per held-out simulation (default: ${DEFAULT-VALUE})")
    long draws;
    @Option(names = "--out", required = true, description = "output folder for the report files")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = stdout();
        PrintWriter stderr = stderr();
        // every option is checked before the model's weights and ND4J are loaded (seconds)
        int n = Inputs.positive("--simulations", simulations);
        int l = Inputs.positive("--draws", draws);
        if (n < 10) {
            throw new IllegalArgumentException("--simulations must be >= 10 for the tests to mean anything, got " + n);
        }
        if (l < 2) {
            throw new IllegalArgumentException("--draws must be >= 2, got " + l);
        }
        Inputs.file("--model", model);
        Outputs.folder(stderr, "--out", out, CheckReportWriter.FILES, model);
        Task task = Inputs.task(ModelFile.readManifest(model).task());
        MemoryCheck.require("--simulations", n, task.parameterDim() + task.dataDim(), 2, "held-out simulations");
        MemoryCheck.require("--simulations × --draws", (long) n * l, task.parameterDim(), DRAW_COPIES,
                "posterior draws");
        AmortisedPosterior posterior = ModelFile.loadAny(model, Inputs::task);
        stderr.printf("checking %s on %,d held-out simulations of %s, %,d draws each%n", model.getFileName(), n,
                task.name(), l);
        stderr.flush();
        CalibrationResult result = Calibration.check(posterior, task, n, l, seed.rng());
        CheckReport report = CheckReport.of(result, task.name(), String.valueOf(model.getFileName()),
                posterior.method(), seed.seed, n);
        CheckReportWriter.write(result, report, out);
        stdout.print(CheckReportWriter.table(report));
        stdout.flush();
        stderr.println("wrote " + CheckReportWriter.FILES.size() + " files to " + out + " (check.html bundles them)");
        return 0;
    }
}
