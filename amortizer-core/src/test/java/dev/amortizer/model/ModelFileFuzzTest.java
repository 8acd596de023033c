package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.point.PointConfig;
import dev.amortizer.point.PointEstimation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of real model files (an MDN and an NSF in format 5, an MDN in format 4 with DL4J's network zip, a
 * point estimator) through every model-file reader: only IllegalArgumentException may escape, or
 * NoSuchFileException for a missing file; never ZipException, EOFException, NegativeArraySizeException, an index or
 * null-pointer error, nor an OutOfMemoryError.
 */
class ModelFileFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Another seed or more mutants for a longer hunt: {@code -Dfuzz.seed=… -Dfuzz.scale=…}. */
    private static final int SCALE = Integer.getInteger("fuzz.scale", 1);
    private static final int MUTANTS_PER_FILE = 100 * SCALE;
    private static final int MANIFEST_EDITS_PER_FILE = 50 * SCALE;
    private static final JsonNode[] EXTREMES = {JSON.getNodeFactory().numberNode(-1),
        JSON.getNodeFactory().numberNode(0), JSON.getNodeFactory().numberNode(Integer.MAX_VALUE),
        JSON.getNodeFactory().numberNode(1e300), JSON.getNodeFactory().textNode("x"), JSON.getNodeFactory().nullNode(),
        JSON.getNodeFactory().arrayNode(), JSON.getNodeFactory().objectNode()};
    private static final Function<String, Task> TASKS = name -> {
        if (!"test_box".equals(name)) {
            throw new IllegalArgumentException("unknown task '" + name + "'");
        }
        return TestTasks.box();
    };

    @TempDir
    Path dir;

    @Test
    void damagedModelFilesOnlyEverGiveIllegalArgumentException() throws IOException {
        Map<String, byte[]> originals = new LinkedHashMap<>();
        Path mdn = dir.resolve("mdn.zip");
        ModelFile.save(TestTasks.smallModel(), mdn);
        originals.put("mdn-v5", Files.readAllBytes(mdn));
        originals.put("mdn-v4-dl4j", Files.readAllBytes(ModelFiles.withNetwork(mdn, dir.resolve("mdn4.zip"),
                ModelFiles.legacyNetworkZip(TestTasks.smallModel(), Map.of()), 4)));
        Path nsf = dir.resolve("nsf.zip");
        ModelFile.save(ModelFiles.smallFlow(), nsf);
        originals.put("nsf-v5", Files.readAllBytes(nsf));
        Path point = dir.resolve("point.zip");
        ModelFile.saveAny(new PointEstimation(PointConfig.defaults().withEpochs(2, 2))
                .train(TestTasks.box(), 300, Rng.seeded(3), new CostMeter()), point);
        originals.put("point-v5", Files.readAllBytes(point));
        for (var e : originals.entrySet()) {
            Path file = dir.resolve(e.getKey() + "-check.zip");
            Files.write(file, e.getValue());
            assertThat(ModelFile.loadAny(file, TASKS)).as(e.getKey()).isNotNull();
        }

        List<String> escaped = new ArrayList<>();
        int refused = 0;
        int total = 0;
        long start = System.nanoTime();
        long seed = Long.getLong("fuzz.seed", 2026);
        for (var e : originals.entrySet()) {
            List<Mutations.Mutant> mutants = new ArrayList<>(new Mutations(seed).zip(e.getValue(), MUTANTS_PER_FILE,
                    ModelFileFuzzTest::rehash));
            mutants.addAll(manifestEdits(e.getValue(), MANIFEST_EDITS_PER_FILE, Rng.seeded(seed++)));
            for (Mutations.Mutant m : mutants) {
                Path file = dir.resolve("mutant.zip");
                Files.write(file, m.bytes());
                total++;
                AmortisedPosterior q = null;
                try {
                    ModelFile.readManifest(file);
                    q = ModelFile.loadAny(file, TASKS);
                } catch (IllegalArgumentException | NoSuchFileException expected) {
                    refused++;
                } catch (Throwable t) {
                    escaped.add(e.getKey() + ", " + m.description() + ": " + t);
                }
                try {
                    if (q != null) { // what loaded must work; a model too damaged to draw from may say so
                        q.sample(new double[] {0.4, 0.6}, 3, Rng.seeded(1));
                    }
                } catch (IllegalArgumentException | IllegalStateException unusable) {
                    // e.g. a standardization edited so that no draw lands inside the prior's support
                } catch (Throwable t) {
                    escaped.add(e.getKey() + ", " + m.description() + ", sampling: " + t);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(escaped).as("exceptions other than IllegalArgumentException").isEmpty();
        assertThat(total).isEqualTo(originals.size() * (MUTANTS_PER_FILE + MANIFEST_EDITS_PER_FILE));
        assertThat(refused).as("most mutants are refused").isGreaterThan(total / 2);
        assertThat(seconds).as("seconds for " + total + " mutants").isLessThan(60);
    }

    /**
     * Well-formed manifests with one value (a number, string, list or object anywhere in the tree) replaced by an
     * extreme or ill-typed one, checksums recomputed: these reach the semantic checks that byte damage rarely does.
     */
    private static List<Mutations.Mutant> manifestEdits(byte[] model, int count, Rng rng) throws IOException {
        Map<String, byte[]> entries = Mutations.entries(model);
        List<Mutations.Mutant> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
            List<JsonNode> parents = new ArrayList<>();
            collect(manifest, parents);
            JsonNode parent = parents.get(rng.nextInt(parents.size()));
            JsonNode value = EXTREMES[rng.nextInt(EXTREMES.length)];
            String where;
            if (parent instanceof ObjectNode o) {
                List<String> fields = new ArrayList<>();
                o.fieldNames().forEachRemaining(fields::add);
                where = fields.get(rng.nextInt(fields.size()));
                o.set(where, value);
            } else {
                var a = (com.fasterxml.jackson.databind.node.ArrayNode) parent;
                int at = rng.nextInt(a.size());
                where = "[" + at + "]";
                a.set(at, value);
            }
            Map<String, byte[]> edited = new LinkedHashMap<>(entries);
            edited.put("manifest.json", JSON.writeValueAsBytes(manifest));
            out.add(new Mutations.Mutant("manifest " + where + " = " + value, Mutations.zip(rehash(edited))));
        }
        return out;
    }

    private static void collect(JsonNode node, List<JsonNode> parents) {
        if (node.isContainerNode() && node.size() > 0) {
            parents.add(node);
            node.elements().forEachRemaining(child -> collect(child, parents));
        }
    }

    /** Recomputes the weights' and the manifest's checksums, as someone editing a model file on purpose would. */
    static Map<String, byte[]> rehash(Map<String, byte[]> entries) {
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        byte[] manifest = out.get("manifest.json");
        byte[] network = out.get("network.bin");
        if (manifest == null) {
            return out;
        }
        try {
            JsonNode tree = JSON.readTree(manifest);
            if (network != null && tree instanceof ObjectNode m && m.get("weights") instanceof ObjectNode w) {
                w.put("sha256", ModelFileTest.sha256(network));
                manifest = JSON.writeValueAsBytes(m);
                out.put("manifest.json", manifest);
            }
        } catch (IOException notJson) {
            // the manifest itself was damaged: keep its bytes
        }
        if (out.containsKey("manifest.sha256")) {
            out.put("manifest.sha256", ModelFileTest.sha256(manifest).getBytes());
        }
        return out;
    }
}
