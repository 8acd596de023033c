package dev.amortizer.bench;

import dev.amortizer.bench.report.ReportWriter;
import dev.amortizer.bench.report.SuiteSummary;
import dev.amortizer.models.TaskResolver;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark of one or more tasks into a folder: one task's report files straight into it, a suite's each
 * into a folder named after its task, with the suite summary beside them.
 *
 * <p>{@code new BenchSuite(configs, out).run(stdout, stderr, System.err);}
 */
public final class BenchSuite {
    /** The files of a suite summary, beside the per-task folders. */
    public static final List<String> SUITE_FILES = List.of("suite.md", "index.html",
            "suite-c2st-vs-simulations.png", "suite-c2st-vs-simulations.svg");

    private final List<BenchConfig> configs;
    private final Path out;

    public BenchSuite(List<BenchConfig> configs, Path out) {
        this.configs = List.copyOf(configs);
        this.out = out;
    }

    /** Every file the run writes, relative to the output folder. */
    public List<String> files() {
        List<String> files = new ArrayList<>();
        for (BenchConfig config : configs) {
            for (String f : ReportWriter.FILES) {
                files.add(configs.size() == 1 ? f : folder(config) + "/" + f);
            }
        }
        if (configs.size() > 1) {
            files.addAll(SUITE_FILES);
        }
        return files;
    }

    /**
     * Runs every task in order, writing each report as it completes. {@code stdout} gets the results only (each
     * report's table, then a suite's verdicts), {@code stderr} what was written where, {@code progress} the runs'
     * progress.
     */
    public List<BenchReport> run(PrintWriter stdout, PrintWriter stderr, PrintStream progress) throws IOException {
        List<BenchReport> reports = new ArrayList<>();
        for (BenchConfig config : configs) {
            Path dir = configs.size() == 1 ? out : out.resolve(folder(config));
            BenchReport report = new BenchRunner(config, progress).run();
            ReportWriter.write(report, dir);
            reports.add(report);
            stdout.println();
            stdout.print(ReportWriter.table(report));
            stdout.flush();
            stderr.println("wrote " + ReportWriter.FILES.size() + " files to " + dir + " (report.html bundles them)");
        }
        if (reports.size() > 1) {
            SuiteSummary.write(reports, out);
            stderr.println("wrote the suite summary to " + out.resolve("suite.md") + " and "
                    + out.resolve("index.html"));
            reports.forEach(r -> stdout.println(r.task().name() + ": " + r.verdict()));
        }
        return reports;
    }

    /** A task's report folder in a suite: its name, which for a task spec file is not its path. */
    private static String folder(BenchConfig config) {
        return TaskResolver.resolve(config.task()).name();
    }
}
