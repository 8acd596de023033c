package dev.amortizer.training.stream;

import dev.amortizer.data.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One chunk of streamed pairs on disk: a header (magic, version, chunk index, rows, θ and x widths), the rows (θ then
 * x, row after row, as big-endian doubles), then a CRC-32C of everything before it. Written whole and renamed into
 * place ({@link AtomicFiles}); read back only when its length, header and checksum are exactly what the store
 * expects, so a truncated, altered or foreign file is refused before anything is sized by it.
 */
final class ChunkFile {
    private static final int MAGIC = 0x414d434b; // "AMCK"
    private static final int VERSION = 1;
    private static final int HEADER = 6 * Integer.BYTES;

    private ChunkFile() {
    }

    /** A chunk's rows as flat row-major arrays: {@code theta} rows × d, {@code x} rows × e. */
    record Rows(double[] theta, double[] x) {
    }

    /** Bytes of a chunk of {@code rows} pairs of widths d and e. */
    static long size(int rows, int d, int e) {
        return HEADER + (long) rows * (d + e) * Double.BYTES + Long.BYTES;
    }

    /** Writes rows {@code 0 … rows − 1} of the flat arrays as chunk {@code index}, atomically. */
    static void write(Path file, int index, int rows, int d, int e, double[] theta, double[] x) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size(rows, d, e)));
        buffer.putInt(MAGIC).putInt(VERSION).putInt(index).putInt(rows).putInt(d).putInt(e);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                buffer.putDouble(theta[r * d + j]);
            }
            for (int j = 0; j < e; j++) {
                buffer.putDouble(x[r * e + j]);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putLong(crc.getValue());
        byte[] bytes = buffer.array();
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads chunk {@code index}, which must hold {@code rows} pairs of widths d and e; anything else (a missing,
     * truncated or overlong file, another chunk's header, a checksum that does not match) is an
     * IllegalArgumentException naming the file and what was wrong.
     */
    static Rows read(Path file, int index, int rows, int d, int e) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": chunk " + index + " of the streamed simulations is missing");
        }
        long expected = size(rows, d, e);
        long actual = Files.size(file);
        if (actual != expected) {
            throw new IllegalArgumentException(file + ": chunk " + index + " of the streamed simulations has " + actual
                    + " bytes, expected " + expected + " (" + rows + " pairs of " + d + " θ and " + e + " x values);"
                    + " it is truncated or of another run");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != expected) {
            throw new IllegalArgumentException(file + ": chunk " + index + " changed size while being read");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int magic = in.getInt();
        int version = in.getInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IllegalArgumentException(file + ": not a chunk of streamed simulations (format version "
                    + VERSION + ")");
        }
        int fileIndex = in.getInt();
        int fileRows = in.getInt();
        int fileD = in.getInt();
        int fileE = in.getInt();
        if (fileIndex != index || fileRows != rows || fileD != d || fileE != e) {
            throw new IllegalArgumentException(file + ": holds chunk " + fileIndex + " of " + fileRows + " pairs of "
                    + fileD + " θ and " + fileE + " x values, expected chunk " + index + " of " + rows + " pairs of "
                    + d + " and " + e);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong()) {
            throw new IllegalArgumentException(file + ": chunk " + index + " of the streamed simulations is damaged"
                    + " (its checksum does not match)");
        }
        double[] theta = new double[rows * d];
        double[] x = new double[rows * e];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                theta[r * d + j] = in.getDouble();
            }
            for (int j = 0; j < e; j++) {
                x[r * e + j] = in.getDouble();
            }
        }
        return new Rows(theta, x);
    }
}
