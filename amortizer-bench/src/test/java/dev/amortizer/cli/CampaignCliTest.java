package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.Phase;
import dev.amortizer.model.ModelFile;
import dev.amortizer.model.ModelManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulation campaigns through the command line: a killed run resumes, and simulate + train equals train. */
class CampaignCliTest {
    @TempDir
    Path dir;
    private String err;

    private int run(String... args) {
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true), args);
        err = e.toString();
        return code;
    }

    private void ok(String... args) {
        assertThat(run(args)).as("%s failed: %s", String.join(" ", args), err).isZero();
    }

    /** What must be equal between two models: everything but the cost ledger (times) and the library version. */
    private static String sameModel(Path model) throws IOException {
        ModelManifest m = ModelFile.readManifest(model);
        return m.weights().sha256() + " " + java.util.Arrays.toString(m.standardization().thetaMean())
                + java.util.Arrays.toString(m.standardization().xSd()) + " " + m.simulations() + " "
                + m.invalidSimulations() + " " + m.training() + " " + m.seed();
    }

    private static String[] train(Path checkpoints, Path out) {
        return new String[] {"train", "--task", "sir", "--simulations", "10000", "--hidden", "8", "--components", "2",
            "--max-epochs", "2", "--checkpoints", checkpoints.toString(), "--out", out.toString(), "--seed", "9"};
    }

    @Test
    void aCampaignKilledWithSigkillResumesToTheModelOfAnUninterruptedRun() throws Exception {
        Path uninterrupted = dir.resolve("uninterrupted.zip");
        ok(train(dir.resolve("ck-a"), uninterrupted));

        Path checkpoints = dir.resolve("ck-b");
        Path model = dir.resolve("resumed.zip");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(train(checkpoints, model)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path batches = checkpoints.resolve("simulations");
        long done = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && System.nanoTime() < deadline && (done = batchFiles(batches)) < 3) {
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        child.waitFor(30, TimeUnit.SECONDS);
        long atKill = batchFiles(batches);
        assertThat(done).as("the child got 3 batches in: %s", Files.readString(dir.resolve("child.log")))
                .isGreaterThanOrEqualTo(3);
        assertThat(atKill).as("killed during the campaign, not after it").isLessThan(10);
        assertThat(model).doesNotExist();

        ok(train(checkpoints, model));
        assertThat(sameModel(model)).isEqualTo(sameModel(uninterrupted));
        ModelManifest m = ModelFile.readManifest(model);
        assertThat(m.costs().get(Phase.SIMULATION.label()).simulatorCalls())
                .as("F counts all 10,000 simulations, those of the killed run included").isEqualTo(10_000);
    }

    private static long batchFiles(Path batches) throws IOException {
        if (!Files.isDirectory(batches)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(batches)) {
            return files.filter(f -> f.getFileName().toString().matches("batch-\\d{6}\\.bin")).count();
        }
    }

    @Test
    void simulateThenTrainOnItsFilesGivesTheModelTrainFitsAlone() throws IOException {
        Path sims = dir.resolve("sims");
        ok("simulate", "--task", "two_moons", "--n", "1500", "--seed", "4", "--threads", "2", "--out",
                sims.toString());
        assertThat(sims.resolve("campaign")).as("batches removed once the files are written").doesNotExist();
        Path fromFiles = dir.resolve("from-files.zip");
        Path alone = dir.resolve("alone.zip");
        Path fromPair = dir.resolve("from-pair.zip");
        List<String> common = List.of("--task", "two_moons", "--hidden", "8", "--components", "2", "--max-epochs",
                "2", "--seed", "4");
        ok(Stream.concat(Stream.of("train", "--simulations-from", sims.toString(), "--out", fromFiles.toString()),
                common.stream()).toArray(String[]::new));
        ok(Stream.concat(Stream.of("train", "--simulations", "1500", "--out", alone.toString()), common.stream())
                .toArray(String[]::new));
        ok(Stream.concat(Stream.of("train", "--theta", sims.resolve("theta.csv").toString(), "--x",
                sims.resolve("x.csv").toString(), "--out", fromPair.toString()), common.stream())
                .toArray(String[]::new));
        assertThat(sameModel(fromFiles)).isEqualTo(sameModel(alone)).isEqualTo(sameModel(fromPair));
        SimulationSource source = ModelFile.readManifest(fromFiles).simulationSource();
        assertThat(source.origin()).isEqualTo(SimulationSource.FILES);
        assertThat(source.files()).containsExactly(
                new SimulationSource.SourceFile("theta.csv", SimulationFiles.sha256(sims.resolve("theta.csv"))),
                new SimulationSource.SourceFile("x.csv", SimulationFiles.sha256(sims.resolve("x.csv"))));
        assertThat(ModelFile.readManifest(alone).simulationSource())
                .isEqualTo(new SimulationSource(SimulationSource.SIMULATED, List.of(), java.util.Map.of()));
        // and the provenance survives loading
        assertThat(ModelFile.load(fromFiles, dev.amortizer.models.TaskCatalog::byName).provenance().source())
                .isEqualTo(source);
    }

    @Test
    void simulationFilesThatDoNotFitTheTaskAreBadInput() throws IOException {
        Path sims = dir.resolve("sims");
        ok("simulate", "--task", "two_moons", "--n", "20", "--out", sims.toString());
        Path out = dir.resolve("m.zip");
        Path shortX = dir.resolve("short-x.csv");
        List<String> lines = Files.readAllLines(sims.resolve("x.csv"));
        Files.write(shortX, lines.subList(0, 11));
        assertThat(run("train", "--task", "two_moons", "--theta", sims.resolve("theta.csv").toString(), "--x",
                shortX.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err).contains("20 rows").contains("10").contains("same simulations");

        assertThat(run("train", "--task", "gaussian_linear", "--simulations-from", sims.toString(), "--out",
                out.toString())).isEqualTo(2);
        assertThat(err).contains("theta.csv").contains("columns");

        assertThat(run("train", "--task", "two_moons", "--simulations-from", sims.toString(), "--simulations", "20",
                "--out", out.toString())).isEqualTo(2);
        assertThat(err).contains("drop --simulations");
        assertThat(run("train", "--task", "two_moons", "--theta", sims.resolve("theta.csv").toString(), "--out",
                out.toString())).isEqualTo(2);
        assertThat(err).contains("--theta and --x go together");

        Path outside = dir.resolve("outside.csv");
        List<String> theta = new ArrayList<>(Files.readAllLines(sims.resolve("theta.csv")));
        theta.set(3, "5.0,0.1");
        Files.write(outside, theta);
        assertThat(run("train", "--task", "two_moons", "--theta", outside.toString(), "--x",
                sims.resolve("x.csv").toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err).contains("row 3").contains("outside the prior's support");
        assertThat(out).doesNotExist();
    }

    @Test
    void sampleServesAModelOfATaskNotKnownHereFromTheFileAlone() throws Exception {
        var trained = new dev.amortizer.npe.Npe(dev.amortizer.npe.TestTasks.quickConfig().withEpochs(1, 1))
                .train(dev.amortizer.model.ServedTaskTest.usersTask(
                        dev.amortizer.task.UniformBoxPrior.cube(2, 0, 1)), 300, dev.amortizer.random.Rng.seeded(2),
                        new dev.amortizer.cost.CostMeter());
        Path model = dir.resolve("users.zip");
        ModelFile.save(trained, model);
        Path observation = Files.writeString(dir.resolve("obs.csv"), "data_1,data_2\n0.4,0.6\n");
        Path draws = dir.resolve("draws.csv");
        ok("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "50", "--out",
                draws.toString(), "--seed", "3");
        assertThat(dev.amortizer.data.SamplesCsv.read(draws).toArray()).isDeepEqualTo(
                trained.sample(new double[] {0.4, 0.6}, 50, dev.amortizer.random.Rng.seeded(3)).toArray());
        Path outside = Files.writeString(dir.resolve("far.csv"), "data_1,data_2\n50,0.6\n");
        assertThat(run("sample", "--model", model.toString(), "--observation", outside.toString(), "--n", "5",
                "--out", dir.resolve("no.csv").toString())).isEqualTo(2);
        assertThat(err).contains("data_1");
    }

    @Test
    void simulateResumesTheBatchesACrashedRunLeftAndWritesTheSameFiles() throws IOException {
        Path whole = dir.resolve("whole");
        ok("simulate", "--task", "two_moons", "--n", "2500", "--seed", "6", "--out", whole.toString());
        // what a run killed after batches 0 and 2 leaves behind (batch 1 was in flight)
        Path crashed = dir.resolve("crashed");
        Path batches = crashed.resolve(SimulateCommand.CAMPAIGN_DIR);
        dev.amortizer.campaign.SimulationCampaign.in(batches, "seed 6").run(
                dev.amortizer.models.TaskCatalog.byName("two_moons"), 2500, dev.amortizer.random.Rng.seeded(6),
                new dev.amortizer.cost.CostMeter());
        Files.delete(batches.resolve("batch-000001.bin"));
        StringWriter out = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(e, true), "simulate", "--task", "two_moons",
                "--n", "2500", "--seed", "6", "--out", crashed.toString())).as("%s", e).isZero();
        assertThat(out.toString()).contains("2 batches resumed from an earlier run");
        assertThat(Files.readAllBytes(crashed.resolve("theta.csv")))
                .isEqualTo(Files.readAllBytes(whole.resolve("theta.csv")));
        assertThat(Files.readAllBytes(crashed.resolve("x.csv"))).isEqualTo(Files.readAllBytes(whole.resolve("x.csv")));
        assertThat(batches).doesNotExist();
        // another seed into a folder holding a campaign is refused, and the campaign kept
        dev.amortizer.campaign.SimulationCampaign.in(batches, "seed 6").run(
                dev.amortizer.models.TaskCatalog.byName("two_moons"), 2500, dev.amortizer.random.Rng.seeded(6),
                new dev.amortizer.cost.CostMeter());
        assertThat(run("simulate", "--task", "two_moons", "--n", "2500", "--seed", "7", "--out", crashed.toString()))
                .isEqualTo(2);
        assertThat(err).contains("seed 6").contains("seed 7").contains("use another directory");
        assertThat(batches.resolve("batch-000000.bin")).exists();
    }
}
