package dev.amortizer.summary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** Reads and writes a fixed list of parameter arrays: their count, then each array's length and values. */
final class ParameterArrays {
    private ParameterArrays() {
    }

    static void write(DataOutputStream out, List<double[]> params) throws IOException {
        out.writeInt(params.size());
        for (double[] a : params) {
            out.writeInt(a.length);
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    /** Fills {@code params} in place; a different shape is an IllegalArgumentException naming the array. */
    static void read(DataInputStream in, List<double[]> params) throws IOException {
        int count = in.readInt();
        if (count != params.size()) {
            throw new IllegalArgumentException("the summary weights hold " + count + " arrays; this architecture has "
                    + params.size());
        }
        for (int a = 0; a < count; a++) {
            double[] target = params.get(a);
            int len = in.readInt();
            if (len != target.length) {
                throw new IllegalArgumentException("summary weight array " + a + " has " + len + " values, expected "
                        + target.length);
            }
            for (int i = 0; i < len; i++) {
                target[i] = in.readDouble();
            }
        }
    }
}
