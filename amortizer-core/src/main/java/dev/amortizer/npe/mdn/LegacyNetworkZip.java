package dev.amortizer.npe.mdn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amortizer.data.BoundedZip;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the parameters out of the network zip that DL4J's {@code ModelSerializer} wrote into MDN model files of
 * formats 1 to 4, as data only: {@code ModelSerializer.restore*} would deserialize Java objects from a
 * {@code preprocessor.bin} entry, so this reader takes {@code configuration.json} (as a plain JSON tree, to check
 * the layer widths; its {@code @class} names are never resolved) and {@code coefficients.bin} (ND4J's binary array
 * format: a shape buffer, then a data buffer, each a UTF allocation mode, a length and a UTF type, then the values;
 * no Java serialization), and refuses every other entry.
 */
public final class LegacyNetworkZip {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    private static final int CONFIGURATION_CAP = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALUE_TYPES = Set.of("FLOAT", "DOUBLE");
    private static final int MAX_RANK = 32;

    private LegacyNetworkZip() {
    }

    /** Whether {@code bytes} look like a zip archive (the legacy MDN weights) rather than our own arrays. */
    public static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /**
     * The weights of the network in {@code bytes}, of layer widths {@code widths} (input, hidden…, output), as
     * {@code Mlp.layerArrays()} holds them: per layer the nIn × nOut matrix row-major, then the bias. DL4J's flat
     * vector holds per layer the matrix column by column (its 'f' order), then the bias.
     */
    public static List<double[]> layerArrays(byte[] bytes, List<Integer> widths) {
        long parameters = 0;
        for (int l = 0; l + 1 < widths.size(); l++) {
            parameters += (long) widths.get(l) * widths.get(l + 1) + widths.get(l + 1);
        }
        // the coefficients are checked to hold exactly this many values before they are read
        double[] flat = coefficients(bytes, widths, parameters).castTo(DataType.DOUBLE).reshape(parameters)
                .toDoubleVector();
        List<double[]> arrays = new ArrayList<>();
        int at = 0;
        for (int l = 0; l + 1 < widths.size(); l++) {
            int in = widths.get(l);
            int out = widths.get(l + 1);
            double[] w = new double[in * out];
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    w[i * out + j] = flat[at++];
                }
            }
            arrays.add(w);
            arrays.add(java.util.Arrays.copyOfRange(flat, at, at + out));
            at += out;
        }
        return arrays;
    }

    /**
     * The network's flat parameter vector, checked to hold exactly {@code parameters} values and, in its
     * configuration, the layer widths {@code widths} (input, hidden..., output).
     */
    private static INDArray coefficients(byte[] bytes, List<Integer> widths, long parameters) {
        Map<String, byte[]> entries;
        try {
            entries = BoundedZip.read(new ByteArrayInputStream(bytes), "the network weights", "DL4J network zip",
                    Map.of(CONFIGURATION, CONFIGURATION_CAP, COEFFICIENTS, BoundedZip.heapBoundedCap()));
        } catch (IOException e) {
            throw new IllegalArgumentException("the network weights are unreadable: " + e, e);
        }
        for (String name : List.of(CONFIGURATION, COEFFICIENTS)) {
            if (!entries.containsKey(name)) {
                throw new IllegalArgumentException("the network weights lack the entry " + name);
            }
        }
        checkWidths(entries.get(CONFIGURATION), widths);
        byte[] coefficients = entries.get(COEFFICIENTS);
        checkHeader(coefficients, parameters);
        try {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(coefficients)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the network's " + COEFFICIENTS + " cannot be read: " + e, e);
        }
    }

    private static void checkWidths(byte[] json, List<Integer> widths) {
        JsonNode confs;
        try {
            confs = JSON.readTree(json).path("confs");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the network's " + CONFIGURATION + " is not JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the network's " + CONFIGURATION + " is unreadable: " + e, e);
        }
        List<Integer> found = new ArrayList<>();
        for (JsonNode conf : confs) {
            JsonNode layer = conf.path("layer");
            if (found.isEmpty()) {
                found.add(layer.path("nin").asInt(-1));
            }
            found.add(layer.path("nout").asInt(-1));
        }
        if (!found.equals(widths)) {
            throw new IllegalArgumentException("the network's " + CONFIGURATION + " has layer widths " + found
                    + ", the model's configuration needs " + widths);
        }
    }

    /**
     * Walks ND4J's headers before {@code Nd4j.read} allocates what they claim: the shape buffer must be a small LONG
     * buffer, and the values exactly {@code parameters} FLOATs or DOUBLEs filling the rest of the entry.
     */
    private static void checkHeader(byte[] bytes, long parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            long shapeLength = bufferLength(in, "shape");
            String shapeType = in.readUTF();
            if (!"LONG".equals(shapeType) || shapeLength < 4 || shapeLength > 2 * MAX_RANK + 4) {
                throw new IllegalArgumentException("shape buffer of " + shapeLength + " " + shapeType
                        + " values, expected 4.." + (2 * MAX_RANK + 4) + " LONG values");
            }
            long rank = in.readLong();
            if (rank * 2 + 4 != shapeLength) {
                throw new IllegalArgumentException("rank " + rank + " in a shape buffer of " + shapeLength);
            }
            long elements = 1;
            for (int i = 0; i < rank; i++) {
                long size = in.readLong();
                if (size < 0 || size > parameters) {
                    throw new IllegalArgumentException("dimension " + i + " of size " + size);
                }
                elements *= size;
                if (elements > parameters) {
                    break;
                }
            }
            if (elements != parameters) {
                throw new IllegalArgumentException("the array holds " + elements + " values, the network has "
                        + parameters + " parameters");
            }
            in.skipNBytes((shapeLength - 1 - rank) * Long.BYTES);
            long length = bufferLength(in, "data");
            String type = in.readUTF();
            if (length != parameters || !VALUE_TYPES.contains(type)) {
                throw new IllegalArgumentException("data buffer of " + length + " " + type + " values, expected "
                        + parameters + " FLOAT or DOUBLE values");
            }
            long width = "FLOAT".equals(type) ? Float.BYTES : Double.BYTES;
            if (in.available() != length * width) {
                throw new IllegalArgumentException(length + " " + type + " values need " + length * width
                        + " bytes, the entry has " + in.available() + " left");
            }
        } catch (IOException e) {
            // in memory, every IOException (EOF, malformed UTF) is damaged data
            throw new IllegalArgumentException("the network's " + COEFFICIENTS + " is truncated or unreadable: " + e,
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the network's " + COEFFICIENTS + ": " + e.getMessage(), e);
        }
    }

    private static long bufferLength(DataInputStream in, String which) throws IOException {
        String mode = in.readUTF();
        // M2.1 writes MIXED_DATA_TYPES; LONG_SHAPE is the other mode with a long length. Older modes are refused.
        if (!"MIXED_DATA_TYPES".equals(mode) && !"LONG_SHAPE".equals(mode)) {
            throw new IllegalArgumentException(which + " buffer in allocation mode '" + mode
                    + "', expected MIXED_DATA_TYPES");
        }
        return in.readLong();
    }
}
