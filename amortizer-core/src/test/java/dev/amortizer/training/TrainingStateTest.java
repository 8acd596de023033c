package dev.amortizer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.Cost;
import dev.amortizer.nn.AdamOptimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's checkpoint round-trips its state, and an earlier layout still loads. */
class TrainingStateTest {
    @TempDir
    Path dir;

    @Test
    void aVersionOneCheckpointStillResumesWithItsEarlierTimeUnknown() throws Exception {
        List<double[]> params = List.of(new double[] {1, 2}, new double[] {3});
        AdamOptimizer adam = new AdamOptimizer(params, 1e-3, 5);
        TrainingState state = new TrainingState(new EpochProgress(0, 0, 0, Double.POSITIVE_INFINITY,
                new Cost(12.5, 20, 0, 0, 0, 0, 0)), TrainingState.copy(params));
        Path file = dir.resolve("state.bin");
        state.save(file, 42, params, adam);
        assertThat(TrainingState.load(file, 42, params, adam).progress.spent().wallSeconds()).isEqualTo(12.5);

        byte[] bytes = Files.readAllBytes(file);
        int costOffset = 4 + 4 + 8 + 4 + 4 + 4 + 8 + 8 + 8;
        byte[] v1 = new byte[bytes.length - 16];
        System.arraycopy(bytes, 0, v1, 0, costOffset);
        System.arraycopy(bytes, costOffset + 16, v1, costOffset, bytes.length - costOffset - 16);
        java.nio.ByteBuffer.wrap(v1).putInt(4, 1);
        Files.write(file, v1);
        TrainingState old = TrainingState.load(file, 42, params, adam);
        assertThat(old.progress.spent()).isEqualTo(Cost.ZERO);
        assertThat(params.get(0)).containsExactly(1, 2);
    }
}
