package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.amortizer.model.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code train} reads the columns of x, and says so: it ignores those θ does not drive (sir's count at t = 0,
 * from about 3,000 simulations; {@code --no-data-screen} reads them all) and reads positive ones spread over decades
 * on the log scale (lotka_volterra's populations; {@code --no-log-scale} reads them as they are), and a query with a
 * value ≤ 0 in a logged column is refused with exit 2.
 */
class CliDataColumnsTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private String train(String task, int simulations, Path model, String... extra) {
        String[] args = {"train", "--task", task, "--simulations", Integer.toString(simulations), "--estimator", "mdn",
            "--hidden", "16,16", "--components", "2", "--max-epochs", "2", "--seed", "1", "--out", model.toString()};
        Run r = run(Stream.concat(Arrays.stream(args), Arrays.stream(extra)).toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void theIgnoredColumnsAreNamedAndSavedUnlessTheScreenIsOff() throws Exception {
        Path screened = dir.resolve("screened.zip");
        assertThat(train("sir", 4000, screened))
                .contains("ignored 1 of 10 x columns that showed no dependence on θ: data_1");
        assertThat(ModelFile.readManifest(screened).standardization().xIgnored()).containsExactly(1);

        Path every = dir.resolve("every.zip");
        assertThat(train("sir", 4000, every, "--no-data-screen")).doesNotContain("ignored");
        assertThat(ModelFile.readManifest(every).standardization().xIgnored()).isNull();
    }

    @Test
    void theLogScaleColumnsAreNamedAndSavedAndAQueryTheyCannotReadIsRefused() throws Exception {
        Path logged = dir.resolve("logged.zip");
        assertThat(train("lotka_volterra", 500, logged)).contains("read 18 of 20 x columns on the log scale: data_2,");
        assertThat(ModelFile.readManifest(logged).standardization().xLog()).hasSize(18).doesNotContain(1, 11);

        String header = String.join(",", Stream.iterate(1, i -> i + 1).limit(20).map(i -> "data_" + i).toList());
        Path observation = dir.resolve("obs.csv");
        Files.writeString(observation, header + "\n30,0,4,8,18,40,5,6,14,30,1,80,14,1.4,0.5,8,60,4,0.6,1.1\n");
        Path draws = dir.resolve("draws.csv");
        Run refused = run("sample", "--model", logged.toString(), "--observation", observation.toString(), "--n", "5",
                "--out", draws.toString());
        assertThat(refused.code()).isEqualTo(2);
        // lotka_volterra's support refuses it before the log would (a task without one: ModelFileTest)
        assertThat(refused.err()).contains("value 2 (data_2) is 0.0").doesNotContain("Exception");
        assertThat(draws).doesNotExist();

        Path plain = dir.resolve("plain.zip");
        assertThat(train("lotka_volterra", 500, plain, "--no-log-scale")).doesNotContain("log scale");
        assertThat(ModelFile.readManifest(plain).standardization().xLog()).isNull();
    }

    @Test
    void aUserModelReadingItsOutputOnTheLogScaleRefusesAQueryAtOrBelowZeroWithExit2() throws Exception {
        assumeTrue(CliUserTaskTest.python(), "python3 is not on the PATH: the simulator is a Python script");
        // x = exp(2t + noise) is positive, spread over decades, and the spec states no support for it
        simulator("x", "repr(math.exp(2 * t + 0.3 * rng.gauss(0, 1)))");
        Path spec = dir.resolve("task.json");
        Files.writeString(spec, """
                {"name": "growth", "parameters": [{"name": "t", "prior": {"type": "normal", "mean": 0, "sd": 1}}],
                 "data": ["x"], "simulator": {"command": ["python3", "sim.py"], "batchSize": 100, "workers": 1}}""");
        Path model = dir.resolve("growth.zip");
        assertThat(train(spec.toString(), 300, model)).contains("read 1 of 1 x columns on the log scale: x");
        Path observation = dir.resolve("zero.csv");
        Files.writeString(observation, "x\n0\n");
        Path draws = dir.resolve("draws.csv");
        Run refused = run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "5",
                "--out", draws.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("x value 1 is 0.0").contains("log scale").contains("--no-log-scale")
                .doesNotContain("\tat ");
        assertThat(draws).doesNotExist();
        Files.writeString(observation, "x\n2.5\n");
        assertThat(run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n", "5",
                "--out", draws.toString()).code()).isZero();
        Files.deleteIfExists(Path.of("growth.simulator.log"));
    }

    @Test
    void aSpecDeclaringExchangeableRowsIsAnsweredAlikeForEveryOrderOfTheRows() throws Exception {
        assumeTrue(CliUserTaskTest.python(), "python3 is not on the PATH: the simulator is a Python script");
        // three i.i.d. readings of t with noise: their order says nothing about t
        simulator("a,b,c", "\",\".join(repr(t + 0.5 * rng.gauss(0, 1)) for _ in range(3))");
        Path spec = dir.resolve("task.json");
        Files.writeString(spec, """
                {"name": "readings", "parameters": [{"name": "t", "prior": {"type": "normal", "mean": 0, "sd": 1}}],
                 "data": ["a", "b", "c"], "exchangeableRows": 1,
                 "simulator": {"command": ["python3", "sim.py"], "batchSize": 100, "workers": 1}}""");
        Path model = dir.resolve("readings.zip");
        assertThat(train(spec.toString(), 300, model)).contains("read x as 3 exchangeable rows of 1 values");
        List<String> answers = new ArrayList<>();
        for (String order : new String[] {"0.4,-1.2,2.0", "2.0,0.4,-1.2"}) {
            Path observation = dir.resolve("obs.csv");
            Files.writeString(observation, "a,b,c\n" + order + "\n");
            Path draws = dir.resolve("draws-" + answers.size() + ".csv");
            assertThat(run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n",
                    "20", "--seed", "3", "--out", draws.toString()).code()).isZero();
            answers.add(Files.readString(draws));
        }
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        Files.deleteIfExists(Path.of("readings.simulator.log"));
    }

    @Test
    void slcpsDeclaredRowsAreReadInOrderWithTheirMomentsUnlessTurnedOffAndBadWidthsExitWith2() throws Exception {
        Path model = dir.resolve("slcp.zip");
        assertThat(train("slcp", 300, model)).contains("read x as 4 exchangeable rows of 2 values, in canonical"
                + " order, followed by their mean and covariance");
        assertThat(ModelFile.readManifest(model).standardization().xRowWidth()).isEqualTo(2);
        assertThat(ModelFile.readManifest(model).standardization().xRowMoments()).isTrue();
        Path alone = dir.resolve("slcp-rows-alone.zip");
        assertThat(train("slcp", 300, alone, "--no-row-moments")).contains("in canonical order (columns")
                .doesNotContain("followed by");
        assertThat(ModelFile.readManifest(alone).standardization().xRowMoments()).isNull();
        Path asGiven = dir.resolve("slcp-as-given.zip");
        assertThat(train("slcp", 300, asGiven, "--exchangeable-rows", "0")).doesNotContain("exchangeable rows");
        assertThat(ModelFile.readManifest(asGiven).standardization().xRowWidth()).isNull();
        Path declared = dir.resolve("two_moons.zip");
        assertThat(train("two_moons", 300, declared, "--exchangeable-rows", "1"))
                .contains("read x as 2 exchangeable rows of 1 values");
        List<String> answers = new ArrayList<>();
        String header = "data_1,data_2,data_3,data_4,data_5,data_6,data_7,data_8\n";
        for (String x : new String[] {"0.5,-1.2,-0.3,0.8,1.1,0.2,-0.9,-0.4", "-0.9,-0.4,1.1,0.2,0.5,-1.2,-0.3,0.8"}) {
            Path observation = dir.resolve("obs.csv");
            Files.writeString(observation, header + x + "\n");
            Path draws = dir.resolve("slcp-" + answers.size() + ".csv");
            assertThat(run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n",
                    "20", "--seed", "3", "--out", draws.toString()).code()).isZero();
            answers.add(Files.readString(draws));
        }
        assertThat(answers.get(1)).isEqualTo(answers.get(0));

        Path refused = dir.resolve("refused.zip");
        for (String[] bad : new String[][] {{"two_moons", "3", "not two or more whole rows of 3"},
            {"two_moons", "2", "not two or more whole rows of 2"},
            {"slcp", "4", "declares its data's layout already (RowsLayout[rows=4, width=2])"},
            {"gaussian_linear_iid", "2", "declares its data's layout already"}}) {
            Run r = run("train", "--task", bad[0], "--simulations", "300", "--exchangeable-rows", bad[1], "--out",
                    refused.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains(bad[2]).doesNotContain("\tat ");
        }
        assertThat(refused).doesNotExist();
    }

    @Test
    void aDeclaredSymmetryFoldsThetaUnlessTurnedOffAndTheModelFileSaysSo() throws Exception {
        Path model = dir.resolve("two_moons.zip");
        assertThat(train("two_moons", 300, model))
                .contains("fitted θ folded by its symmetry (swap- 1 2): draws and density are averaged over its 2 images");
        assertThat(ModelFile.readManifest(model).standardization().thetaSymmetry()).containsExactly("swap- 1 2");
        Path asGiven = dir.resolve("two_moons-as-given.zip");
        assertThat(train("two_moons", 300, asGiven, "--no-symmetry")).doesNotContain("symmetry");
        assertThat(ModelFile.readManifest(asGiven).standardization().thetaSymmetry()).isNull();
        // the symmetrised draws: θ and its mirror image (−θ₂, −θ₁) about equally often
        Path observation = dir.resolve("obs.csv");
        Files.writeString(observation, "data_1,data_2\n0.1,0.2\n");
        Path draws = dir.resolve("draws.csv");
        assertThat(run("sample", "--model", model.toString(), "--observation", observation.toString(), "--n",
                "2000", "--seed", "3", "--out", draws.toString()).code()).isZero();
        long below = Files.readAllLines(draws).stream().skip(1).map(l -> l.split(","))
                .filter(t -> Double.parseDouble(t[0]) + Double.parseDouble(t[1]) < 0).count();
        assertThat(below).isBetween(900L, 1_100L); // half of 2,000; the binomial SD is about 22
    }

    /**
     * Writes sim.py, a simulator speaking the batch protocol: the header {@code header}, then for each θ row t the
     * Python expression {@code row} (t, and the batch's generator rng, in scope).
     */
    private void simulator(String header, String row) throws IOException {
        Files.writeString(dir.resolve("sim.py"), """
                import math, random, sys
                while True:
                    line = sys.stdin.readline()
                    if not line:
                        break
                    seed, n = int(line.split()[1]), int(line.split()[2])
                    rng = random.Random(seed)
                    sys.stdin.readline()
                    out = ["%s"]
                    for _ in range(n):
                        t = float(sys.stdin.readline())
                        out.append(%s)
                    print("\\n".join(out), flush=True)
                """.formatted(header, row));
    }
}
