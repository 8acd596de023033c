package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.model.Mutations;
import dev.amortizer.nn.AdamOptimizer;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.training.TrainingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training checkpoints and saved simulations are files too: truncated ones, ones whose length fields were edited, and
 * a few hundred seeded mutations of each are refused with an IllegalArgumentException naming the file, and no length
 * read from a file sizes an allocation.
 */
class CheckpointFilesTest {
    @TempDir
    Path dir;

    static NpeConfig mdn() {
        return TestTasks.quickConfig().withEpochs(2, 2);
    }

    static NpeConfig flow() {
        NpeConfig d = NpeConfig.defaults(Estimator.NSF);
        return d.withFlow(d.flow().withTransforms(2).withHidden(List.of(8, 8), HiddenActivation.TANH))
                .withEpochs(2, 2).withBatchSize(128);
    }

    private Path trained(NpeConfig config, String name) {
        Path d = dir.resolve(name);
        train(config, d);
        return d;
    }

    /**
     * Writes the single simulations file an earlier version kept in {@code d} (new runs keep a campaign's batches),
     * holding the pairs the campaign drew, so that training reads it first and it can be damaged.
     */
    private static void legacySimulations(Path d) {
        var pairs = dev.amortizer.campaign.SimulationCampaign.inMemory().run(TestTasks.box(), 300, Rng.seeded(6),
                new CostMeter());
        new SimulationStore(d.resolve(Npe.SIMULATIONS_FILE), TestTasks.box(), 300).save(pairs.theta(), pairs.x(),
                dev.amortizer.cost.Cost.ZERO);
    }

    private static NpePosterior train(NpeConfig config, Path checkpoints) {
        return new Npe(config).withCheckpoints(checkpoints).train(TestTasks.box(), 300,
                Rng.seeded(6), new CostMeter());
    }

    /** Writes {@code bytes} as {@code file} of a copy of {@code d} and expects resuming from it to be refused. */
    private void assertRefused(NpeConfig config, Path d, String file, byte[] bytes, String... fragments)
            throws IOException {
        Path copy = dir.resolve(d.getFileName() + "-" + Integer.toHexString(Arrays.hashCode(bytes)));
        Files.createDirectories(copy);
        for (String f : List.of(Npe.CHECKPOINT_FILE, Npe.SIMULATIONS_FILE)) {
            if (Files.exists(d.resolve(f))) {
                Files.copy(d.resolve(f), copy.resolve(f));
            }
        }
        Files.createDirectories(copy.resolve(Npe.CAMPAIGN_DIR));
        try (var batches = Files.list(d.resolve(Npe.CAMPAIGN_DIR))) {
            for (Path b : batches.toList()) {
                Files.copy(b, copy.resolve(Npe.CAMPAIGN_DIR).resolve(b.getFileName()));
            }
        }
        Files.write(copy.resolve(file), bytes);
        var thrown = assertThatThrownBy(() -> train(config, copy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(copy.resolve(file).toString());
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    @Test
    void mdnCheckpointsTruncatedOrWithEditedFieldsOrOfTheDl4jEraAreRefused() throws IOException {
        Path d = trained(mdn(), "mdn");
        assertThat(train(mdn(), d).provenance().epochs()).as("an intact checkpoint resumes").isEqualTo(2);
        byte[] good = Files.readAllBytes(d.resolve(Npe.CHECKPOINT_FILE));
        String cp = Npe.CHECKPOINT_FILE;
        assertRefused(mdn(), d, cp, Arrays.copyOf(good, good.length / 2), "truncated");
        int countField = 4 + 4 + 8 + 3 * 4 + 3 * 8 + 2 * 8; // after the schedule and the time spent
        assertRefused(mdn(), d, cp, withInt(good, countField, 1 << 30), "array count field " + (1 << 30));
        assertRefused(mdn(), d, cp, withInt(good, countField + 4, Integer.MAX_VALUE),
                "array 0 length field " + Integer.MAX_VALUE);
        assertRefused(mdn(), d, cp, Arrays.copyOf(good, good.length + 1), "trailing bytes");
        for (int magic : new int[] {0x414d4d43, 0x414d4d32, 0x414d4d33}) {
            assertRefused(mdn(), d, cp, withInt(good, 0, magic), "earlier Amortizer", "delete it");
        }
        byte[] negative = good.clone();
        ByteBuffer.wrap(negative).putDouble(countField - 2 * 8, -5.0);
        assertRefused(mdn(), d, cp, negative, "training wall time is -5.0 s");
    }

    @Test
    void flowCheckpointsTruncatedOrWithEditedFieldsAreRefused() throws IOException {
        Path d = trained(flow(), "nsf");
        byte[] good = Files.readAllBytes(d.resolve(Npe.CHECKPOINT_FILE));
        String cp = Npe.CHECKPOINT_FILE;
        assertRefused(flow(), d, cp, Arrays.copyOf(good, good.length - 3), "truncated");
        int countField = 4 + 4 + 8 + 3 * 4 + 3 * 8 + 2 * 8; // after the schedule and the time spent
        assertRefused(flow(), d, cp, withInt(good, countField, Integer.MAX_VALUE), "array count field 2147483647");
        assertRefused(flow(), d, cp, withInt(good, countField + 4, -7), "array 0 length field -7");
        assertRefused(flow(), d, cp, withInt(good, 4 + 4 + 8, -1), "schedule is inconsistent");
        assertRefused(flow(), d, cp, Arrays.copyOf(good, good.length + 8), "trailing bytes");
    }

    @Test
    void savedSimulationsTruncatedOrWithEditedFieldsAreRefused() throws IOException {
        Path d = trained(mdn(), "sims");
        legacySimulations(d);
        assertThat(train(mdn(), d).provenance().epochs()).as("an intact earlier simulations file is read").isEqualTo(2);
        byte[] good = Files.readAllBytes(d.resolve(Npe.SIMULATIONS_FILE));
        String sims = Npe.SIMULATIONS_FILE;
        assertRefused(mdn(), d, sims, Arrays.copyOf(good, good.length - 9), "truncated");
        int countField = 4 + 2 + "test_box".length();
        assertRefused(mdn(), d, sims, withInt(good, countField, Integer.MAX_VALUE), "holds 2147483647 simulations");
        assertRefused(mdn(), d, sims, Arrays.copyOf(good, good.length + 1), "trailing bytes");
        byte[] badName = good.clone();
        badName[6] = (byte) 0xff; // not modified UTF-8
        assertRefused(mdn(), d, sims, badName, "not valid modified UTF-8");
    }

    @Test
    void mutatedCheckpointsAndSimulationsOnlyEverGiveIllegalArgumentException() throws IOException {
        Path m = trained(mdn(), "fuzz-mdn");
        Path f = trained(flow(), "fuzz-nsf");
        legacySimulations(m);
        byte[] mdnCheckpoint = Files.readAllBytes(m.resolve(Npe.CHECKPOINT_FILE));
        byte[] flowCheckpoint = Files.readAllBytes(f.resolve(Npe.CHECKPOINT_FILE));
        byte[] simulations = Files.readAllBytes(m.resolve(Npe.SIMULATIONS_FILE));
        long mdnRun = ByteBuffer.wrap(mdnCheckpoint).getLong(8);
        long flowRun = ByteBuffer.wrap(flowCheckpoint).getLong(8);
        NpeConfig c = mdn();
        List<double[]> mdnParams = dev.amortizer.nn.Mlp.create(2, c.hiddenWidths(),
                new MixtureLayout(c.components(), 2).width(), c.activation(), null, false, Rng.seeded(1))
                .parameters();
        AdamOptimizer mdnAdam = new AdamOptimizer(mdnParams, 1e-3, 5);
        List<double[]> params = ConditionalFlow.create(flow().flow(), 2, 2, Rng.seeded(0)).parameters();
        AdamOptimizer adam = new AdamOptimizer(params, 1e-3, 5);
        Path file = dir.resolve("mutant.bin");

        List<String> escaped = new ArrayList<>();
        long start = System.nanoTime();
        int total = 0;
        for (Mutations.Mutant mutant : new Mutations(31).binary(mdnCheckpoint, 150)) {
            total++;
            expectOnlyIllegalArgument(file, mutant, escaped,
                    () -> TrainingState.load(file, mdnRun, mdnParams, mdnAdam));
        }
        for (Mutations.Mutant mutant : new Mutations(32).binary(flowCheckpoint, 150)) {
            total++;
            expectOnlyIllegalArgument(file, mutant, escaped, () -> TrainingState.load(file, flowRun, params, adam));
        }
        for (Mutations.Mutant mutant : new Mutations(33).binary(simulations, 150)) {
            total++;
            expectOnlyIllegalArgument(file, mutant, escaped,
                    () -> new SimulationStore(file, TestTasks.box(), 300).load());
        }
        assertThat(escaped).as("exceptions other than IllegalArgumentException").isEmpty();
        assertThat(total).isEqualTo(450);
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(30);
    }

    interface Load {
        Object run() throws Exception;
    }

    private static void expectOnlyIllegalArgument(Path file, Mutations.Mutant mutant, List<String> escaped, Load load)
            throws IOException {
        Files.write(file, mutant.bytes());
        try {
            load.run();
        } catch (IllegalArgumentException refused) {
            if (!refused.getMessage().contains(file.toString())) {
                escaped.add(mutant.description() + ": message does not name the file: " + refused.getMessage());
            }
        } catch (Throwable t) {
            escaped.add(mutant.description() + ": " + t);
        }
    }

    private static byte[] withInt(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(at, value);
        return copy;
    }
}
