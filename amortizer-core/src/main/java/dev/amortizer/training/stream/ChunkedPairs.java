package dev.amortizer.training.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Simulated pairs (θ_i, x_i) on disk in chunks of a fixed number of rows ({@code chunk-000012.bin}, the last one
 * shorter), written once in row order by a {@link Writer} and read back a chunk at a time, so memory holds a chunk,
 * not the simulations. Every chunk is checked on reading ({@link ChunkFile}).
 *
 * <p>{@code ChunkedPairs pairs = ChunkedPairs.writer(dir, n, 10_000, d, e).append(θ, x)…finish();}
 */
public final class ChunkedPairs {
    /** Most bytes a chunk file may have: it is read into one array. */
    public static final int MAX_CHUNK_BYTES = Integer.MAX_VALUE - 64;

    private final Path directory;
    private final int rows;
    private final int chunkRows;
    private final int thetaDim;
    private final int xDim;

    private ChunkedPairs(Path directory, int rows, int chunkRows, int thetaDim, int xDim) {
        if (rows < 1 || chunkRows < 1 || thetaDim < 1 || xDim < 1) {
            throw new IllegalArgumentException("streamed pairs need rows, rows per chunk and widths >= 1, got " + rows
                    + ", " + chunkRows + ", " + thetaDim + " and " + xDim);
        }
        if (ChunkFile.size(chunkRows, thetaDim, xDim) > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException(chunkRows + " rows per chunk of " + (thetaDim + xDim)
                    + " values exceed a chunk's 2 GiB; use fewer rows per chunk");
        }
        this.directory = directory;
        this.rows = rows;
        this.chunkRows = chunkRows;
        this.thetaDim = thetaDim;
        this.xDim = xDim;
    }

    /** The pairs already written in {@code directory}: {@code rows} of them in chunks of {@code chunkRows}. */
    public static ChunkedPairs open(Path directory, int rows, int chunkRows, int thetaDim, int xDim) {
        return new ChunkedPairs(directory, rows, chunkRows, thetaDim, xDim);
    }

    /** Starts writing {@code rows} pairs into {@code directory} (created if needed). */
    public static Writer writer(Path directory, int rows, int chunkRows, int thetaDim, int xDim) throws IOException {
        ChunkedPairs pairs = new ChunkedPairs(directory, rows, chunkRows, thetaDim, xDim);
        Files.createDirectories(directory);
        return pairs.new Writer();
    }

    public int rows() {
        return rows;
    }

    public int chunkRows() {
        return chunkRows;
    }

    public int thetaDim() {
        return thetaDim;
    }

    public int xDim() {
        return xDim;
    }

    /** Number of chunks. */
    public int chunks() {
        return (rows + chunkRows - 1) / chunkRows;
    }

    /** Rows in chunk {@code c}: {@link #chunkRows()}, the last one fewer. */
    public int rowsIn(int c) {
        return Math.min(chunkRows, rows - c * chunkRows);
    }

    /** Index of chunk {@code c}'s first row among all pairs. */
    public long firstRow(int c) {
        return (long) c * chunkRows;
    }

    /** Chunk {@code c}'s rows, flat; a damaged or foreign file is an IllegalArgumentException naming it. */
    ChunkFile.Rows read(int c) throws IOException {
        return ChunkFile.read(file(c), c, rowsIn(c), thetaDim, xDim);
    }

    Path file(int c) {
        return directory.resolve(String.format(Locale.ROOT, "chunk-%06d.bin", c));
    }

    /** Takes rows in order and writes each chunk as it fills. */
    public final class Writer {
        private final double[] theta = new double[chunkRows * thetaDim];
        private final double[] x = new double[chunkRows * xDim];
        private int written;
        private int filled;

        private Writer() {
        }

        /** Appends one pair; its widths must be the store's. */
        public Writer append(double[] thetaRow, double[] xRow) throws IOException {
            if (written + filled >= rows) {
                throw new IllegalStateException("all " + rows + " pairs were written already");
            }
            if (thetaRow.length != thetaDim || xRow.length != xDim) {
                throw new IllegalArgumentException("pair " + (written + filled + 1) + " has " + thetaRow.length
                        + " θ and " + xRow.length + " x values, expected " + thetaDim + " and " + xDim);
            }
            System.arraycopy(thetaRow, 0, theta, filled * thetaDim, thetaDim);
            System.arraycopy(xRow, 0, x, filled * xDim, xDim);
            filled++;
            if (filled == chunkRows || written + filled == rows) {
                int c = written / chunkRows;
                ChunkFile.write(file(c), c, filled, thetaDim, xDim, theta, x);
                written += filled;
                filled = 0;
            }
            return this;
        }

        /** The store, once every pair was appended. */
        public ChunkedPairs finish() {
            if (written != rows) {
                throw new IllegalStateException((written + filled) + " of " + rows + " pairs were appended");
            }
            return ChunkedPairs.this;
        }
    }
}
