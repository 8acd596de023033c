package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --stream-chunk}: a model from simulations streamed from disk, its chunks gone afterwards. */
class CliStreamTest {
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
    void streamedTrainingWritesAModelThatSamplesAndLeavesNoChunks() throws Exception {
        Path model = dir.resolve("m.zip");
        assertThat(run("train", "--task", "two_moons", "--simulations", "3000", "--stream-chunk", "700",
                "--max-epochs", "2", "--seed", "3", "--out", model.toString())).as(err).isZero();
        NpePosterior q = ModelFile.load(model, TaskCatalog::byName);
        assertThat(q.provenance().simulations()).isEqualTo(3000);
        assertThat(q.provenance().epochs()).isEqualTo(2);
        double[][] draws = q.sample(new double[] {0.05, -0.1}, 500, Rng.seeded(1)).toArray();
        for (double[] r : draws) {
            for (double v : r) {
                assertThat(v).isBetween(-1.0, 1.0);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.zip");
        }
    }

    @Test
    void streamingRefusesWhatItCannotTrain() {
        String out = dir.resolve("m.zip").toString();
        String checkpoints = dir.resolve("c").toString();
        for (List<String> extra : List.of(List.of("--stream-chunk", "0"), List.of("--stream-chunk", "100",
                "--estimator", "maf"), List.of("--stream-chunk", "100", "--checkpoints", checkpoints))) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--task", "two_moons", "--simulations",
                    "1000", "--out", out));
            args.addAll(extra);
            assertThat(run(args.toArray(String[]::new))).as(err).isEqualTo(2);
            assertThat(err).contains("--stream-chunk").doesNotContain("\tat ");
        }
        assertThat(Files.exists(Path.of(out))).isFalse();
    }
}
