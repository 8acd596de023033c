package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.SamplesCsv;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.training.TrainedPosterior;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --stream-chunk}: a model (the MDN, a flow ensemble, the default's pick among its flows, NLE's flow,
 * NRE's classifier, the point estimator, flow matching, a summary network with its flow) from simulations streamed from disk, that samples, the same for the same seed, its chunks gone
 * afterwards; what cannot stream is refused with exit 2.
 */
class CliStreamTest {
    @TempDir
    Path dir;

    private String err;
    private String out;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void streamedTrainingWritesAModelThatSamplesAndLeavesNoChunks() throws Exception {
        Path model = dir.resolve("m.zip");
        assertThat(run("train", "--task", "two_moons", "--simulations", "3000", "--stream-chunk", "700",
                "--max-epochs", "2", "--seed", "3", "--out", model.toString())).as(err).isZero();
        NpePosterior q = ModelFile.load(model, TaskCatalog::byName);
        assertThat(q.provenance().simulations()).isEqualTo(3000);
        assertThat(q.provenance().epochs()).isEqualTo(2);
        double[][] draws = q.sample(new double[] {0.05, -0.1}, 500, Rng.seeded(1)).toArray();
        for (double[] r : draws) {
            for (double v : r) {
                assertThat(v).isBetween(-1.0, 1.0);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.zip");
        }
    }

    @Test
    void aStreamedFlowEnsembleSamplesAndTheSameSeedGivesTheSameWeights() throws Exception {
        Path model = dir.resolve("nsf.zip");
        String[] train = {"train", "--task", "two_moons", "--estimator", "nsf", "--members", "2", "--hidden", "16,16",
            "--simulations", "3000", "--stream-chunk", "700", "--max-epochs", "2", "--seed", "3", "--out",
            model.toString()};
        assertThat(run(train)).as(err).isZero();
        assertThat(out).contains("trained npe-nsf on 3,000 simulations");
        NpePosterior q = ModelFile.load(model, TaskCatalog::byName);
        assertThat(q.config().flow().members()).isEqualTo(2);
        assertThat(q.provenance().epochs()).as("two members of two epochs").isEqualTo(4);
        Path observation = dir.resolve("obs.csv");
        Files.writeString(observation, "data_1,data_2\n0.05,-0.1\n");
        Path draws = dir.resolve("draws.csv");
        assertThat(run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "500",
                "--out", draws.toString())).as(err).isZero();
        assertThat(SamplesCsv.read(draws).size()).isEqualTo(500);
        train[train.length - 1] = dir.resolve("again.zip").toString();
        assertThat(run(train)).as(err).isZero();
        assertThat(ModelFile.load(dir.resolve("again.zip"), TaskCatalog::byName).weights()).isEqualTo(q.weights());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("nsf.zip", "obs.csv", "draws.csv", "again.zip");
        }
    }

    @Test
    void flowMatchingStreams() throws Exception {
        Path model = dir.resolve("fmpe.zip");
        assertThat(run("train", "--task", "two_moons", "--estimator", "fmpe", "--hidden", "16,16", "--simulations",
                "2000", "--stream-chunk", "500", "--max-epochs", "2", "--seed", "3", "--out", model.toString()))
                .as(err).isZero();
        assertThat(out).contains("trained npe-fmpe");
        NpePosterior q = ModelFile.load(model, TaskCatalog::byName);
        assertThat(q.provenance().epochs()).isEqualTo(2);
        assertThat(q.sample(new double[] {0.05, -0.1}, 200, Rng.seeded(1)).size()).isEqualTo(200);
    }

    @Test
    void aSummaryNetworkStreams() throws Exception {
        Path model = dir.resolve("sets.zip");
        assertThat(run("train", "--task", "gaussian_linear_iid", "--summary", "deepsets", "--summary-inner", "16",
                "--summary-head", "16", "--summary-dim", "4", "--hidden", "16", "--simulations", "1000",
                "--stream-chunk", "300", "--max-epochs", "1", "--seed", "3", "--out", model.toString())).as(err)
                .isZero();
        NpePosterior q = ModelFile.load(model, TaskCatalog::byName);
        assertThat(q.summary()).isNotNull();
        assertThat(q.provenance().simulations()).isEqualTo(1000);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sets.zip");
        }
    }

    @Test
    void theDefaultAboveThreeParametersStreamsEachCandidate() throws Exception {
        Path model = dir.resolve("slcp.zip");
        assertThat(run("train", "--task", "slcp", "--simulations", "1500", "--stream-chunk", "500", "--hidden", "16",
                "--max-epochs", "1", "--seed", "4", "--out", model.toString())).as(err).isZero();
        NpePosterior q = ModelFile.load(model, TaskCatalog::byName);
        assertThat(q.config().label()).isIn("nsf", "coupling", "nsf-truncation-x5", "coupling-shift");
        assertThat(out).contains("trained npe-" + q.config().label() + " on 1,500 simulations of slcp");
        assertThat(q.provenance().simulations()).isEqualTo(1500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nle", "nre", "point"})
    void aStreamedLikelihoodRatioOrPointEstimatorTrainsAndLeavesNoChunks(String method) throws Exception {
        Path model = dir.resolve(method + ".zip");
        assertThat(run("train", "--task", "two_moons", "--method", method, "--hidden", "16,16", "--simulations",
                "2000", "--stream-chunk", "500", "--max-epochs", "2", "--seed", "3", "--out", model.toString()))
                .as(err).isZero();
        assertThat(out).contains("trained " + method).contains("on 2,000 simulations of two_moons");
        var loaded = ModelFile.loadAny(model, TaskCatalog::byName);
        assertThat(loaded.method()).isEqualTo(method);
        var q = (TrainedPosterior<?>) loaded;
        assertThat(q.provenance().simulations()).isEqualTo(2000);
        assertThat(q.provenance().epochs()).as("--max-epochs").isEqualTo(2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(method + ".zip");
        }
    }

    @Test
    void streamingRefusesWhatItCannotTrain() {
        String out = dir.resolve("m.zip").toString();
        String checkpoints = dir.resolve("c").toString();
        for (List<String> extra : List.of(List.of("--stream-chunk", "0"),
                List.of("--stream-chunk", "100", "--estimator", "across"),
                List.of("--stream-chunk", "100", "--checkpoints", checkpoints))) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--task", "two_moons", "--simulations",
                    "1000", "--out", out));
            args.addAll(extra);
            assertThat(run(args.toArray(String[]::new))).as(err).isEqualTo(2);
            assertThat(err).contains("--stream-chunk").doesNotContain("\tat ");
            if (extra.contains("across")) {
                assertThat(err).contains("name mdn, maf, nsf, coupling or fmpe with --estimator");
            }
        }
        assertThat(Files.exists(Path.of(out))).isFalse();
    }
}
