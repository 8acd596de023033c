package dev.amortizer.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip archive from an untrusted source in one bounded pass: only the entries named in {@code caps} are
 * accepted, each at most once and at most its cap in inflated bytes, so a zip bomb or an archive padded with other
 * entries costs at most the sum of the caps. Anything else, and any structural damage, is an
 * IllegalArgumentException naming the source, the entry and what was expected.
 *
 * <p>{@code Map<String, byte[]> e = BoundedZip.read(in, "model.zip", "model file", Map.of("manifest.json", 1 << 20));}
 */
public final class BoundedZip {
    /** The most bytes any one entry may inflate to: a quarter of the heap, and never above 512 MiB. */
    public static final int MAX_ENTRY_BYTES = 512 << 20;

    private BoundedZip() {
    }

    /** {@link #MAX_ENTRY_BYTES}, lowered to a quarter of this JVM's maximum heap. */
    public static int heapBoundedCap() {
        return (int) Math.min(MAX_ENTRY_BYTES, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * The entries of the archive in {@code in}, by name, in archive order. {@code source} names the archive in
     * messages, {@code what} says what it should be ("model file"); {@code caps} lists every allowed entry with its
     * largest allowed size in bytes. Missing entries are the caller's to check.
     */
    public static Map<String, byte[]> read(InputStream in, String source, String what, Map<String, Integer> caps)
            throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        String name = null;
        try {
            ZipEntry entry;
            while ((entry = nextEntry(zip, source, what)) != null) {
                name = entry.getName();
                Integer cap = caps.get(name);
                if (cap == null) {
                    throw new IllegalArgumentException(source + ": unexpected entry '" + name + "' in the " + what
                            + "; it may hold only " + caps.keySet());
                }
                if (out.containsKey(name)) {
                    throw new IllegalArgumentException(source + ": the " + what + " holds entry '" + name
                            + "' twice");
                }
                if (entry.getSize() > cap) {
                    throw new IllegalArgumentException(source + ": entry '" + name + "' declares " + entry.getSize()
                            + " bytes, more than the " + cap + " a " + what + " allows");
                }
                byte[] bytes = readCapped(zip, cap, source, name, what);
                // ZipInputStream checks sizes and CRC only against a trailing data descriptor; check the header too
                if (entry.getSize() >= 0 && entry.getSize() != bytes.length) {
                    throw new IllegalArgumentException(source + ": entry '" + name + "' declares " + entry.getSize()
                            + " bytes but holds " + bytes.length);
                }
                out.put(name, bytes);
            }
        } catch (ZipException | EOFException e) {
            throw corrupt(source, what, name, e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": not a " + what + " (not a zip archive, or one with no"
                    + " entries)");
        }
        return out;
    }

    private static ZipEntry nextEntry(ZipInputStream zip, String source, String what) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            // ZipInputStream's refusal of an entry name that is not valid in the archive's charset
            throw corrupt(source, what, null, e);
        }
    }

    private static IllegalArgumentException corrupt(String source, String what, String entry, Exception e) {
        return new IllegalArgumentException(source + ": not a " + what + " (not a zip archive, or a truncated or"
                + " corrupt one: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                + (entry == null ? "" : ", in entry '" + entry + "'") + ")", e);
    }

    private static byte[] readCapped(InputStream in, int cap, String source, String name, String what)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.min(cap, 1 << 16));
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > cap) {
                throw new IllegalArgumentException(source + ": entry '" + name + "' inflates to more than " + cap
                        + " bytes, the most a " + what + " allows for it");
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }
}
