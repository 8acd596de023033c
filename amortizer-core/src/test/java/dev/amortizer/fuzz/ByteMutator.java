package dev.amortizer.fuzz;

import dev.amortizer.random.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Deterministic mutations of a seed input, the kinds that break file readers: bit flips, random and special bytes,
 * truncation, deleted and duplicated ranges (many columns, many rows), huge fields, control characters (ESC, NUL,
 * CR), bytes that are not UTF-8, number spellings (NaN, Infinity, 1e308, 1e-400, hex floats, 30-digit integers) and
 * the format's own tokens. The same seed gives the same mutations, so a failing case is reproduced from its seed and
 * index alone.
 *
 * <p>{@code byte[] input = new ByteMutator(seed).mutate(seedFile);}
 */
public final class ByteMutator {
    private static final String[] NUMBERS = {"NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e-400", "-0",
        "0x1p3", "1d", "123456789012345678901234567890", "2147483647", "-2147483649", "9e999", "1.5", "-7"};
    private static final String[] TOKENS = {",", "\n", "\r\n", "\"", "{", "}", "[", "]", ":", "null", "true", ",,",
        "\uFEFF", "\u202E", "\u001b[2J", "\u0000"};
    private static final byte[][] NOT_UTF8 = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE9}};
    /** The longest field or run a single mutation inserts. */
    public static final int MAX_INSERT = 1 << 18;

    private final Rng rng;

    public ByteMutator(long seed) {
        this.rng = Rng.seeded(seed);
    }

    /** One to four mutations of {@code input} (which is not changed). */
    public byte[] mutate(byte[] input) {
        byte[] out = input;
        int count = 1 + rng.nextInt(4);
        for (int i = 0; i < count; i++) {
            out = mutateOnce(out);
        }
        return out;
    }

    private byte[] mutateOnce(byte[] in) {
        int at = in.length == 0 ? 0 : rng.nextInt(in.length + 1);
        return switch (rng.nextInt(12)) {
            case 0 -> flipBit(in);
            case 1 -> setByte(in, (byte) rng.nextInt(256));
            case 2 -> Arrays.copyOf(in, at);
            case 3 -> delete(in, at, 1 + rng.nextInt(64));
            case 4 -> insert(in, at, repeat(slice(in, at, 1 + rng.nextInt(16)), 1 + rng.nextInt(20_000)));
            case 5 -> insert(in, at, repeat(ascii(String.valueOf((char) ('0' + rng.nextInt(10)))), hugeLength()));
            case 6 -> insert(in, at, repeat(ascii(",c"), 1 + rng.nextInt(30_000)));
            case 7 -> insert(in, at, ascii(TOKENS[rng.nextInt(TOKENS.length)]));
            case 8 -> insert(in, at, NOT_UTF8[rng.nextInt(NOT_UTF8.length)]);
            case 9 -> insert(in, at, ascii(NUMBERS[rng.nextInt(NUMBERS.length)]));
            case 10 -> insert(in, at, new byte[] {(byte) rng.nextInt(32)});
            default -> replaceNumber(in);
        };
    }

    private int hugeLength() {
        return 1 + rng.nextInt(MAX_INSERT);
    }

    private byte[] flipBit(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        int i = rng.nextInt(out.length);
        out[i] ^= (byte) (1 << rng.nextInt(8));
        return out;
    }

    private byte[] setByte(byte[] in, byte value) {
        if (in.length == 0) {
            return new byte[] {value};
        }
        byte[] out = in.clone();
        out[rng.nextInt(out.length)] = value;
        return out;
    }

    /** Replaces the digit run around a random digit with a special number spelling. */
    private byte[] replaceNumber(byte[] in) {
        int start = in.length == 0 ? 0 : rng.nextInt(in.length);
        while (start < in.length && !Character.isDigit(in[start])) {
            start++;
        }
        int end = start;
        while (end < in.length && (Character.isDigit(in[end]) || in[end] == '.' || in[end] == 'E' || in[end] == '-')) {
            end++;
        }
        byte[] rest = delete(in, start, end - start);
        return insert(rest, start, ascii(NUMBERS[rng.nextInt(NUMBERS.length)]));
    }

    private static byte[] slice(byte[] in, int at, int length) {
        int from = Math.min(at, in.length);
        return Arrays.copyOfRange(in, from, Math.min(in.length, from + length));
    }

    private static byte[] delete(byte[] in, int at, int length) {
        int from = Math.min(at, in.length);
        int to = Math.min(in.length, from + length);
        byte[] out = new byte[in.length - (to - from)];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, to, out, from, in.length - to);
        return out;
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        int from = Math.min(at, in.length);
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(what, 0, out, from, what.length);
        System.arraycopy(in, from, out, from + what.length, in.length - from);
        return out;
    }

    private static byte[] repeat(byte[] unit, int times) {
        if (unit.length == 0) {
            return unit;
        }
        int n = Math.min(times, MAX_INSERT / unit.length + 1);
        byte[] out = new byte[unit.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code bytes} gzip-compressed, for seeds of {@code .gz} readers (mutate the result to corrupt the stream). */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
