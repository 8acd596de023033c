package dev.amortizer.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.npe.mdn.Dl4jNetworks;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;

/** Test helpers that take model files apart and put them back together, as someone editing them would. */
final class ModelFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NpePosterior flow;

    private ModelFiles() {
    }

    /** A small NSF model of {@link TestTasks#box()}, trained once per JVM. */
    static synchronized NpePosterior smallFlow() {
        if (flow == null) {
            NpeConfig d = NpeConfig.defaults(Estimator.NSF);
            NpeConfig config = d.withFlow(d.flow().withTransforms(2).withHidden(List.of(8, 8), HiddenActivation.TANH))
                    .withEpochs(2, 2).withBatchSize(128);
            flow = new Npe(config).train(TestTasks.box(), 300, Rng.seeded(5), new CostMeter());
        }
        return flow;
    }

    /** DL4J's ModelSerializer zip of a network shaped like MDN {@code q}'s (2 inputs), plus {@code extra} entries. */
    static byte[] legacyNetworkZip(NpePosterior q, Map<String, byte[]> extra) throws IOException {
        var config = q.config();
        var net = Dl4jNetworks.create(2, config.hiddenWidths(), new MixtureLayout(config.components(), 2).width(),
                config.activation(), DataType.FLOAT, 3);
        Map<String, byte[]> entries = entries(Dl4jNetworks.zip(net));
        entries.putAll(extra);
        return zip(entries);
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
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

    /** The entries, then {@code name} a second time (ZipOutputStream refuses that, so the copy is spliced in). */
    static byte[] zipWithDuplicate(Map<String, byte[]> entries, String name) throws IOException {
        Map<String, byte[]> renamed = new LinkedHashMap<>(entries);
        String twin = name.substring(0, name.length() - 1) + "#";
        renamed.put(twin, entries.get(name));
        byte[] bytes = zip(renamed);
        byte[] from = twin.getBytes();
        byte[] to = name.getBytes();
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
            }
        }
        return bytes;
    }

    /**
     * {@code good} with {@code network} as its weights and the manifest saying {@code version}, every checksum
     * recomputed as a deliberate editor would; from format 5 it keeps manifest.sha256, earlier ones drop it, and
     * before format 6 the config drops the MDN's meanShift, which they could not hold.
     */
    static Path withNetwork(Path good, Path out, byte[] network, int version) throws IOException {
        Map<String, byte[]> entries = entries(Files.readAllBytes(good));
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
        manifest.put("formatVersion", version);
        if (version < NpeCodec.MEAN_SHIFT_FORMAT && manifest.get("config") instanceof ObjectNode config) {
            config.remove("meanShift");
        }
        ((ObjectNode) manifest.get("weights")).put("sha256", ModelFileTest.sha256(network));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        entries.put("manifest.json", manifestBytes);
        entries.put("network.bin", network);
        if (version < 5) {
            entries.remove("manifest.sha256");
        } else {
            entries.put("manifest.sha256", ModelFileTest.sha256(manifestBytes).getBytes());
        }
        Files.write(out, zip(entries));
        return out;
    }

    /** {@code good} with {@code manifest} and, if it has one, its manifest.sha256 recomputed. */
    static Path withManifest(Path good, Path out, byte[] manifest) throws IOException {
        Map<String, byte[]> entries = entries(Files.readAllBytes(good));
        if (entries.containsKey("manifest.sha256")) {
            entries.put("manifest.sha256", ModelFileTest.sha256(manifest).getBytes());
        }
        entries.put("manifest.json", manifest);
        Files.write(out, zip(entries));
        return out;
    }

    static int lastIndexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
