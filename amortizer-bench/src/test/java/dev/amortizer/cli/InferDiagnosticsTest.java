package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.diagnostics.convergence.ParameterSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code amortizer infer} prints about an answer: counts as integers, a per-parameter summary, warnings. */
class InferDiagnosticsTest {
    @TempDir
    Path dir;

    @Test
    void countsPrintAsIntegersAndRatiosWithFourDigits() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("draws", 94_000.0);
        d.put("divergences", 43_075.0);
        d.put("rhat", 1.00412);
        d.put("ess_bulk", 1234.56);
        assertThat(InferCommand.diagnosticsLine(d))
                .isEqualTo("diagnostics: draws=94000 divergences=43075 rhat=1.004 ess_bulk=1235");
    }

    @Test
    void theSummaryHasOneRowPerParameterWithEssAsIntegers() {
        String table = InferCommand.summaryTable(List.of(
                new ParameterSummary("theta_1", 0.1, 0.2, -0.2, 0.1, 0.4, 1.002, 812.7, 640.2),
                new ParameterSummary("theta_2", -0.3, 0.05, -0.4, -0.3, -0.2, 1.0101, 90.2, 35.9)));
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(0)).contains("mean", "sd", "5%", "50%", "95%", "R-hat", "ess_bulk");
        assertThat(table.lines().toList().get(1)).startsWith("theta_1").contains("1.002").endsWith(" 812      640");
        assertThat(table.lines().toList().get(2)).startsWith("theta_2").contains("1.010").endsWith("  90       35");
    }

    @Test
    void randomWalkMetropolisPrintsRhatEssAndAPerParameterSummary() throws Exception {
        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "data_1,data_2\n0.05,-0.1\n");
        String err = inferStderr("--task", "two_moons", "--method", "mcmc", "--observation", obs.toString(), "--n",
                "500", "--budget", "40000", "--seed", "2", "--out", dir.resolve("mcmc.csv").toString());
        assertThat(err).contains(" rhat=", " ess_bulk=", " ess_tail=", " modes=", " chains=10 ");
        assertThat(err).containsPattern("(?m)^parameter_1 ").containsPattern("(?m)^parameter_2 ");
    }

    @Test
    void aSliceRunStoppedInItsWarmupWarnsAndSaysSo() throws Exception {
        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "data_1,data_2\n0.05,-0.1\n");
        String err = inferStderr("--task", "two_moons", "--method", "slice", "--observation", obs.toString(), "--n",
                "2000", "--budget", "12000", "--seed", "2", "--out", dir.resolve("slice.csv").toString());
        assertThat(err).contains("warmup_complete=0").contains("warning: the warm-up did not finish");
        assertThat(err).contains("warning: only ").contains("rows are distinct draws");
    }

    private static String inferStderr(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "infer";
        System.arraycopy(args, 0, all, 1, args.length);
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter picocli = new StringWriter();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.run(new PrintWriter(picocli, true), all);
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString(StandardCharsets.UTF_8) + picocli;
        assertThat(code).as("exit code (stderr: %s)", err).isZero();
        return err;
    }
}
