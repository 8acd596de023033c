package dev.amortizer.training.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks come back exactly as written; a damaged, truncated, foreign or missing chunk is refused by name. */
class ChunkedPairsTest {
    @TempDir
    Path dir;

    static double[][][] pairs(int n, int d, int e, long seed) {
        Rng rng = Rng.seeded(seed);
        double[][] theta = new double[n][d];
        double[][] x = new double[n][e];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                theta[i][j] = rng.nextGaussian();
            }
            for (int j = 0; j < e; j++) {
                x[i][j] = 3 + 2 * rng.nextGaussian();
            }
        }
        return new double[][][] {theta, x};
    }

    static ChunkedPairs write(Path dir, double[][] theta, double[][] x, int chunkRows) throws IOException {
        ChunkedPairs.Writer w = ChunkedPairs.writer(dir, theta.length, chunkRows, theta[0].length, x[0].length);
        for (int i = 0; i < theta.length; i++) {
            w.append(theta[i], x[i]);
        }
        return w.finish();
    }

    @Test
    void chunksHoldTheRowsInOrderTheLastOneShorter() throws IOException {
        double[][][] p = pairs(250, 2, 3, 1);
        ChunkedPairs store = write(dir, p[0], p[1], 100);
        assertThat(store.chunks()).isEqualTo(3);
        assertThat(store.rowsIn(2)).isEqualTo(50);
        for (int c = 0; c < 3; c++) {
            ChunkFile.Rows rows = store.read(c);
            for (int r = 0; r < store.rowsIn(c); r++) {
                int i = c * 100 + r;
                assertThat(Arrays.copyOfRange(rows.theta(), 2 * r, 2 * r + 2)).containsExactly(p[0][i]);
                assertThat(Arrays.copyOfRange(rows.x(), 3 * r, 3 * r + 3)).containsExactly(p[1][i]);
            }
        }
    }

    @Test
    void damagedTruncatedForeignAndMissingChunksAreRefusedByName() throws IOException {
        double[][][] p = pairs(250, 2, 3, 2);
        ChunkedPairs store = write(dir, p[0], p[1], 100);
        Path one = store.file(1);
        byte[] bytes = Files.readAllBytes(one);
        bytes[200] ^= 0x10;
        Files.write(one, bytes);
        assertThatThrownBy(() -> store.read(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk-000001.bin").hasMessageContaining("checksum does not match");

        Path last = store.file(2);
        byte[] whole = Files.readAllBytes(last);
        Files.write(last, Arrays.copyOf(whole, whole.length - 9));
        assertThatThrownBy(() -> store.read(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk-000002.bin").hasMessageContaining("truncated");

        Files.copy(store.file(0), one, StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store.read(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds chunk 0").hasMessageContaining("expected chunk 1");

        ChunkedPairs wider = ChunkedPairs.open(dir, 250, 100, 2, 4);
        assertThatThrownBy(() -> wider.read(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");

        Files.delete(store.file(0));
        assertThatThrownBy(() -> store.read(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void aWrongRowIsRefusedWhileWriting() throws IOException {
        ChunkedPairs.Writer w = ChunkedPairs.writer(dir, 3, 2, 2, 3);
        assertThatThrownBy(() -> w.append(new double[2], new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 and 3");
        w.append(new double[2], new double[3]);
        assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 3");
    }
}
