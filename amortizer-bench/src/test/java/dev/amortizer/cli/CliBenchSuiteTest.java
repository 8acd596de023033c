package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.bench.report.ReportWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amortizer bench} over two tasks from flags alone: one report folder per task with every artefact, and the
 * suite summary beside them. Slow (two NPE trainings and their C2STs, about a minute on 2 cores), so tagged.
 */
@Tag("slow")
class CliBenchSuiteTest {
    @TempDir
    Path dir;

    @Test
    void twoTasksGiveTwoReportFoldersAndASuiteSummary() {
        StringWriter err = new StringWriter();
        Path out = dir.resolve("suite");
        int code = Main.run(new PrintWriter(err, true), "bench", "--task", "two_moons,gaussian_linear",
                "--simulations", "200", "--observations", "1", "--samples", "200", "--method", "rejection-abc",
                "--ladder", "rejection-abc=1000,3000", "--hybrid", "200", "--replicates", "50", "--seed", "5",
                "--out", out.toString());
        assertThat(code).as("exit code (stderr: %s)", err).isZero();
        for (String task : new String[] {"two_moons", "gaussian_linear"}) {
            for (String file : ReportWriter.FILES) {
                assertThat(out.resolve(task).resolve(file)).as(task + "/" + file).isNotEmptyFile();
            }
        }
        for (String file : new String[] {"suite.md", "index.html", "suite-c2st-vs-simulations.png",
            "suite-c2st-vs-simulations.svg", "spec.json"}) {
            assertThat(out.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(out.resolve("suite.md")).content().contains("two_moons/report.md").contains("gaussian_linear/report.md");
        assertThat(out.resolve("spec.json")).content().contains("\"seed\" : 5").contains("rejection-abc");
    }
}
