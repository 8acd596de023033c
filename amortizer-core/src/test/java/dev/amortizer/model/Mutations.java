package dev.amortizer.model;

import dev.amortizer.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A deterministic generator of damaged copies of a file, for fuzz tests: bit flips, truncations, inserted bytes,
 * 32- and 64-bit fields overwritten with extreme lengths and, for zip archives, edits of the local headers' size and
 * name-length fields, renamed entries, and entries whose contents are damaged in one of those ways and then re-zipped
 * (optionally through {@code rehash}, which recomputes the checksums a deliberate editor would) so that the damage
 * reaches the parsers behind the zip layer.
 */
public final class Mutations {
    private static final int[] LENGTHS = {0, 1, -1, 7, 255, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fff0000,
        1 << 20, 1 << 30};
    private final Rng rng;

    public Mutations(long seed) {
        this.rng = Rng.seeded(seed);
    }

    /** One damaged copy of {@code original} and what was done to it. */
    public record Mutant(String description, byte[] bytes) {
    }

    /** {@code count} damaged copies of a plain binary file. */
    public List<Mutant> binary(byte[] original, int count) {
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(raw(original));
        }
        return out;
    }

    /**
     * {@code count} damaged copies of a zip archive; {@code rehash} rewrites the entries after one was damaged
     * (recomputing checksums), or returns them unchanged.
     */
    public List<Mutant> zip(byte[] original, int count, UnaryOperator<Map<String, byte[]>> rehash) throws IOException {
        Map<String, byte[]> entries = entries(original);
        List<String> names = new ArrayList<>(entries.keySet());
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (rng.nextInt(4)) {
                case 0 -> out.add(raw(original));
                case 1 -> out.add(headerField(original));
                case 2 -> {
                    String name = names.get(rng.nextInt(names.size()));
                    Map<String, byte[]> renamed = new LinkedHashMap<>();
                    String to = rename(name);
                    entries.forEach((k, v) -> renamed.put(k.equals(name) ? to : k, v));
                    out.add(new Mutant("entry " + name + " renamed " + to, zip(renamed)));
                }
                default -> {
                    String name = names.get(rng.nextInt(names.size()));
                    byte[] content = entries.get(name);
                    Mutant inner = isZip(content) && rng.nextInt(2) == 0 ? zip(content, 1, m -> m).get(0)
                            : raw(content);
                    Map<String, byte[]> changed = new LinkedHashMap<>(entries);
                    changed.put(name, inner.bytes());
                    out.add(new Mutant("entry " + name + ": " + inner.description() + ", re-zipped",
                            zip(rehash.apply(changed))));
                }
            }
        }
        return out;
    }

    private Mutant raw(byte[] original) {
        byte[] b = original.clone();
        int kind = rng.nextInt(5);
        if (b.length == 0) {
            return new Mutant("empty", b);
        }
        switch (kind) {
            case 0 -> {
                int flips = 1 + rng.nextInt(4);
                StringBuilder at = new StringBuilder();
                for (int f = 0; f < flips; f++) {
                    int pos = rng.nextInt(b.length);
                    b[pos] ^= (byte) (1 << rng.nextInt(8));
                    at.append(pos).append(' ');
                }
                return new Mutant("bits flipped at " + at.toString().trim(), b);
            }
            case 1 -> {
                int len = rng.nextInt(b.length);
                return new Mutant("truncated to " + len, Arrays.copyOf(b, len));
            }
            case 2 -> {
                int pos = rng.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rng.nextInt(16)];
                for (int i = 0; i < extra.length; i++) {
                    extra[i] = (byte) rng.nextInt(256);
                }
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(extra, 0, out, pos, extra.length);
                System.arraycopy(b, pos, out, pos + extra.length, b.length - pos);
                return new Mutant(extra.length + " bytes inserted at " + pos, out);
            }
            case 3 -> {
                if (b.length < 4) {
                    return new Mutant("truncated to 0", new byte[0]);
                }
                int pos = rng.nextInt(b.length - 3);
                int value = LENGTHS[rng.nextInt(LENGTHS.length)];
                ByteBuffer.wrap(b).putInt(pos, value);
                return new Mutant("int " + value + " written at " + pos, b);
            }
            default -> {
                if (b.length < 8) {
                    return new Mutant("truncated to 0", new byte[0]);
                }
                int pos = rng.nextInt(b.length - 7);
                long value = rng.nextInt(2) == 0 ? Long.MAX_VALUE : 1L << (20 + rng.nextInt(40));
                ByteBuffer.wrap(b).putLong(pos, value);
                return new Mutant("long " + value + " written at " + pos, b);
            }
        }
    }

    /** A local header's compressed size, size or name length (little-endian) set to an extreme value. */
    private Mutant headerField(byte[] original) {
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i + 30 <= original.length; i++) {
            if (original[i] == 'P' && original[i + 1] == 'K' && original[i + 2] == 3 && original[i + 3] == 4) {
                headers.add(i);
            }
        }
        if (headers.isEmpty()) {
            return raw(original);
        }
        byte[] b = original.clone();
        int header = headers.get(rng.nextInt(headers.size()));
        int[] offsets = {18, 22, 26, 28};
        int offset = offsets[rng.nextInt(offsets.length)];
        int value = LENGTHS[rng.nextInt(LENGTHS.length)];
        ByteBuffer buffer = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (offset >= 26) {
            buffer.putShort(header + offset, (short) value);
        } else {
            buffer.putInt(header + offset, value);
        }
        return new Mutant("local header at " + header + ", field +" + offset + " set to " + value, b);
    }

    private String rename(String name) {
        String[] choices = {"preprocessor.bin", "manifest.json", "network.bin", "../evil", name + "x",
            name.toUpperCase(java.util.Locale.ROOT)};
        return choices[rng.nextInt(choices.length)];
    }

    private static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** The entries of a well-formed archive, in order (duplicates keep the last). */
    public static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
