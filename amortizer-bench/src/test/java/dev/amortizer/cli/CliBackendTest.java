package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.SamplesCsv;
import dev.amortizer.nn.ComputeBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend} of train, sample and bench: any backend trains and serves, a command does not leak its choice. */
class CliBackendTest {
    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        StringWriter buffer = new StringWriter();
        int code = Main.run(new PrintWriter(buffer, true), args);
        err = buffer.toString();
        return code;
    }

    @Test
    void anUnknownBackendIsBadInput() {
        String[][] commands = {
            {"train", "--task", "two_moons", "--simulations", "100", "--out", dir.resolve("m.zip").toString()},
            {"sample", "--model", dir.resolve("m.zip").toString(), "--n", "10", "--out", dir.resolve("s.csv").toString()},
            {"bench", "--out", dir.resolve("bench").toString()}};
        for (String[] command : commands) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 2);
            args[command.length] = "--backend";
            args[command.length + 1] = "gpu";
            assertThat(run(args)).as("%s: %s", command[0], err).isEqualTo(Main.BAD_INPUT);
            assertThat(err).contains("--backend").contains("gpu");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFlowTrainedWithNd4jSamplesWithJavaAndTheSettingIsRestored() throws IOException {
        ComputeBackend before = ComputeBackend.selected();
        Path model = dir.resolve("maf.zip");
        Path observation = dir.resolve("obs.csv");
        Files.writeString(observation, "data_1,data_2\n0.1,-0.2\n");
        assertThat(run("train", "--task", "two_moons", "--estimator", "maf", "--hidden", "16,16", "--simulations", "300",
                "--max-epochs", "2", "--out", model.toString(), "--backend", "ND4J")).as(err).isZero();
        assertThat(ComputeBackend.selected()).isEqualTo(before);
        Path samples = dir.resolve("draws.csv");
        assertThat(run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "500",
                "--out", samples.toString(), "--backend", "java")).as(err).isZero();
        assertThat(ComputeBackend.selected()).isEqualTo(before);
        assertThat(SamplesCsv.read(samples).size()).isEqualTo(500);
    }
}
