package dev.amortizer.campaign;

import dev.amortizer.cost.Cost;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.task.FailureCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * One completed batch of a campaign on disk: a header (whose campaign, which batch, sizes, what it cost, its
 * failures by kind), the rows, then a CRC-32C of everything before it. Files are written whole and renamed into
 * place ({@link AtomicFiles}); the checksum and the exact length catch what a rename cannot, such as a file system
 * that loses the data behind a rename when the power goes, so a damaged batch is simulated again, never trusted.
 */
final class BatchFile {
    private static final int MAGIC = 0x414d4342; // "AMCB"
    private static final int VERSION = 1;
    /** Room for the header's strings and failure kinds; the rows' size is known from the campaign. */
    private static final int HEADER_CAP = 1 << 16;
    private static final int MAX_KINDS = 1000;
    private static final int BATCH_CAP = SimulationCampaign.BATCH;

    /** A batch as read back; theta and x are null when its sizes are not the ones asked for. */
    record Batch(String key, int index, double[][] theta, double[][] x, Cost cost, FailureCounts failures) {
    }

    /** The batch, or null when the file is damaged (torn, truncated, altered); refuses nothing else here. */
    static Batch read(Path file, int rows, int d, int e) throws IOException {
        long size = Files.size(file);
        long max = (long) BATCH_CAP * (d + e) * Double.BYTES + HEADER_CAP;
        if (size > max || size < Long.BYTES) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong()) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return null;
            }
            String key = in.readUTF();
            int index = in.readInt();
            int n = in.readInt();
            int fd = in.readInt();
            int fe = in.readInt();
            if (n != rows || fd != d || fe != e) {
                // a sound file of another campaign: its key says whose, and the caller refuses it
                return new Batch(key, index, null, null, Cost.ZERO, FailureCounts.NONE);
            }
            Cost cost = new Cost(in.readDouble(), in.readDouble(), 0, 0, 0, 0, 0);
            if (!(cost.wallSeconds() >= 0 && cost.cpuSeconds() >= 0)) {
                return null;
            }
            int kinds = in.readInt();
            if (kinds < 0 || kinds > MAX_KINDS) {
                return null;
            }
            TreeMap<String, Long> byKind = new TreeMap<>();
            for (int k = 0; k < kinds; k++) {
                byKind.put(in.readUTF(), in.readLong());
            }
            // n, d and e equal the caller's here, so nothing is sized by the file
            double[][] theta = new double[n][d];
            double[][] x = new double[n][e];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    theta[i][j] = in.readDouble();
                }
                for (int j = 0; j < e; j++) {
                    x[i][j] = in.readDouble();
                }
            }
            if (in.available() != 0) {
                return null;
            }
            return new Batch(key, index, theta, x, cost, new FailureCounts(byKind));
        } catch (IOException | IllegalArgumentException ex) {
            return null; // a checksum that matches a malformed body: damaged all the same
        }
    }

    /** Writes a completed batch atomically. */
    static void write(Path file, Batch b) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(b.key());
        out.writeInt(b.index());
        out.writeInt(b.theta().length);
        out.writeInt(b.theta().length == 0 ? 0 : b.theta()[0].length);
        out.writeInt(b.x().length == 0 ? 0 : b.x()[0].length);
        out.writeDouble(b.cost().wallSeconds());
        out.writeDouble(b.cost().cpuSeconds());
        out.writeInt(b.failures().byKind().size());
        for (var kind : b.failures().byKind().entrySet()) {
            out.writeUTF(kind.getKey());
            out.writeLong(kind.getValue());
        }
        for (int i = 0; i < b.theta().length; i++) {
            for (double v : b.theta()[i]) {
                out.writeDouble(v);
            }
            for (double v : b.x()[i]) {
                out.writeDouble(v);
            }
        }
        out.flush();
        CRC32C crc = new CRC32C();
        crc.update(buffer.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        byte[] bytes = buffer.toByteArray();
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    private BatchFile() {
    }
}
