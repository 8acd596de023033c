package dev.amortizer.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A network's parameter arrays as bytes, for model files: a version, the array count, each length and values. */
public final class ParameterBytes {
    private static final int VERSION = 1;

    private ParameterBytes() {
    }

    public static byte[] encode(List<double[]> params) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(params.size());
            for (double[] a : params) {
                out.writeInt(a.length);
                for (double v : a) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The arrays {@link #encode} wrote; truncated, trailing or foreign bytes are an IllegalArgumentException. */
    public static List<double[]> decode(byte[] bytes) {
        List<double[]> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("parameter arrays in version " + version + ", expected " + VERSION);
            }
            int count = in.readInt();
            if (count < 0 || count > 100_000) {
                throw new IllegalArgumentException("the weights claim " + count + " arrays");
            }
            for (int a = 0; a < count; a++) {
                int len = in.readInt();
                if (len < 0 || len > in.available() / Double.BYTES) {
                    throw new IllegalArgumentException("weight array " + a + " claims " + len + " values, more than"
                            + " the bytes left");
                }
                double[] values = new double[len];
                for (int i = 0; i < len; i++) {
                    values[i] = in.readDouble();
                }
                out.add(values);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("the weights have " + in.available() + " trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the weights are truncated or unreadable: " + e, e);
        }
        return out;
    }
}
