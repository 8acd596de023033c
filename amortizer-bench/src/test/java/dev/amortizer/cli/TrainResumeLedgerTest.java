package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-running a finished {@code train --checkpoints} reports and saves the training's cost, not the rerun's. */
class TrainResumeLedgerTest {
    private static final Pattern SECONDS = Pattern.compile("on 1,000 simulations of two_moons in ([0-9.]+) s");

    @TempDir
    Path dir;

    @Test
    void aFinishedTrainingRerunFromItsCheckpointsReportsTheWholeCost() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        double first = trainedSeconds(checkpoints, dir.resolve("first.zip"));
        double rerun = trainedSeconds(checkpoints, dir.resolve("rerun.zip"));
        // printed to 0.1 s; 1e-9 because 10.8 − 0.1 > 10.7 in binary
        assertThat(rerun).as("printed by the rerun").isGreaterThanOrEqualTo(first - 0.1 - 1e-9);

        CostLedger saved = ModelFile.load(dir.resolve("rerun.zip"), TaskCatalog::byName).costLedger();
        CostLedger original = ModelFile.load(dir.resolve("first.zip"), TaskCatalog::byName).costLedger();
        assertThat(saved.get(Phase.SIMULATION).simulatorCalls()).isEqualTo(1_000);
        assertThat(saved.get(Phase.SIMULATION).wallSeconds()).isEqualTo(original.get(Phase.SIMULATION).wallSeconds());
        // The last checkpoint is written after the last epoch; the wrap-up after it (restoring the best weights, some
        // milliseconds) is the one part of the first run's training that no checkpoint records.
        assertThat(saved.fixed().wallSeconds()).isGreaterThanOrEqualTo(
                0.95 * original.get(Phase.TRAINING).wallSeconds());
        assertThat(saved.get(Phase.TRAINING).wallSeconds()).isGreaterThanOrEqualTo(
                0.95 * original.get(Phase.TRAINING).wallSeconds());
    }

    private static double trainedSeconds(Path checkpoints, Path out) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.run(new PrintWriter(err, true), "train", "--task", "two_moons", "--simulations", "1000",
                    "--checkpoints", checkpoints.toString(), "--out", out.toString(), "--seed", "3");
        } finally {
            System.setOut(saved);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code (stdout %s, stderr %s)", printed, err).isZero();
        Matcher m = SECONDS.matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
