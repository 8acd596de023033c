package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks of the user's own through the command line: a plugin jar found by ServiceLoader, and a JSON spec. */
class CliUserTaskTest {
    /** θ ~ N(0, I₂), x = θ + N(0, 0.5²·I): posterior N(4x/5, 0.2·I), exact. */
    private static final String PLUGIN = """
            package plug;

            import dev.amortizer.data.Samples;
            import dev.amortizer.posterior.Posterior;
            import dev.amortizer.random.Rng;
            import dev.amortizer.task.*;
            import java.util.List;
            import java.util.Optional;

            public final class ShiftProvider implements TaskProvider {
                public List<String> names() { return List.of("plugin_shift"); }

                public Optional<Task> task(String name) {
                    return name.equals("plugin_shift") ? Optional.of(new Shift()) : Optional.empty();
                }

                static final class Shift implements Task {
                    private final Prior prior = DiagonalNormalPrior.isotropic(2, 1.0);
                    public String name() { return "plugin_shift"; }
                    public Prior prior() { return prior; }
                    public List<String> parameterNames() { return List.of("a", "b"); }
                    public List<String> dataNames() { return List.of("xa", "xb"); }
                    public Simulator simulator() {
                        return new Simulator() {
                            public int parameterDim() { return 2; }
                            public int dataDim() { return 2; }
                            public double[] simulate(double[] t, Rng rng) {
                                return new double[] {t[0] + 0.5 * rng.nextGaussian(), t[1] + 0.5 * rng.nextGaussian()};
                            }
                        };
                    }
                    public Optional<LogLikelihood> likelihood() {
                        return Optional.of((t, x) -> -2 * ((x[0] - t[0]) * (x[0] - t[0]) + (x[1] - t[1]) * (x[1] - t[1])));
                    }
                    public Optional<Posterior> referencePosterior() {
                        return Optional.of(new Posterior() {
                            public int parameterDim() { return 2; }
                            public Samples sample(double[] x, int n, Rng rng) {
                                double[][] rows = new double[n][];
                                for (int i = 0; i < n; i++) {
                                    rows[i] = new double[] {0.8 * x[0] + Math.sqrt(0.2) * rng.nextGaussian(),
                                            0.8 * x[1] + Math.sqrt(0.2) * rng.nextGaussian()};
                                }
                                return Samples.of(List.of("a", "b"), rows);
                            }
                        });
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    /** Compiles the plugin against the library's classes and jars it with its ServiceLoader entry. */
    private Path pluginJar() throws IOException {
        var javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "no Java compiler in this JVM (a JRE): the plugin is compiled at test time");
        Path src = dir.resolve("src/plug/ShiftProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, PLUGIN);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String core = Path.of(URI.create(Task.class.getProtectionDomain().getCodeSource().getLocation().toString()))
                .toString();
        StringWriter diagnostics = new StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(new java.io.ByteArrayOutputStream()), "-cp", core,
                "-d", classes.toString(), "-Xlint:none", src.toString());
        assertThat(rc).as("javac %s", diagnostics).isZero();
        Path jar = dir.resolve("plugin.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.amortizer.task.TaskProvider"));
            out.write("plug.ShiftProvider\n".getBytes(StandardCharsets.UTF_8));
            try (var files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                }
            }
        }
        return jar;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aPluginTaskTrainsSamplesInfersAndBenchesByName() throws IOException {
        String jar = pluginJar().toString();
        String model = dir.resolve("m.zip").toString();
        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "xa,xb\n0.5,-1.0\n");

        Result unknown = run("train", "--task", "plugin_shift", "--simulations", "300", "--out", model);
        assertThat(unknown.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown task 'plugin_shift'").doesNotContain("\tat ");

        assertThat(run("tasks", "--plugin", jar).out()).contains("plugin_shift");
        Result train = run("train", "--plugin", jar, "--task", "plugin_shift", "--simulations", "300", "--out", model);
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("plugin_shift");

        Path draws = dir.resolve("d.csv");
        Result sample = run("sample", "--model", model, "--plugin=" + jar, "--observation", obs.toString(), "--n",
                "200", "--out", draws.toString());
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(Files.readAllLines(draws)).hasSize(201).first().isEqualTo("a,b");
        Result served = run("sample", "--model", model, "--observation", obs.toString(), "--n", "20", "--out",
                draws.toString()); // without the plugin, the model is served from its file alone
        assertThat(served.code()).as(served.err()).isZero();
        assertThat(Files.readAllLines(draws)).hasSize(21);

        Path answer = dir.resolve("i.csv");
        Result infer = run("infer", "--task", "plugin_shift", "--method", "mcmc", "--observation", obs.toString(),
                "--n", "200", "--budget", "3000", "--out", answer.toString(), "--plugin", jar);
        assertThat(infer.code()).as(infer.err()).isZero();
        List<String> rows = Files.readAllLines(answer);
        double meanA = rows.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[0])).average()
                .orElseThrow();
        assertThat(meanA).isBetween(0.4 - 0.25, 0.4 + 0.25); // posterior mean 0.8·0.5, SD 0.45

        Path queries = dir.resolve("queries.csv");
        Files.writeString(queries, "xa,xb\n0.5,-1.0\n");
        Result bench = run("bench", "--plugin", jar, "--task", "plugin_shift", "--simulations", "200", "--queries",
                queries.toString(), "--observations", "1", "--samples", "100", "--method", "rejection-abc", "--ladder",
                "rejection-abc=1000", "--no-hybrid", "--replicates", "10", "--out", dir.resolve("report").toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("mean C2ST");
    }

    @Test
    void aMissingPluginJarIsBadInput() {
        Result r = run("tasks", "--plugin", dir.resolve("nope.jar").toString());
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--plugin").contains("nope.jar: file not found");
    }

    @Test
    void aSpecTaskTrainsSamplesAndInfersThroughItsCommands() throws IOException {
        assumeTrue(python(), "python3 is not on the PATH: the example's simulator is a Python script");
        String spec = Path.of("../amortizer-models/examples/conjugate-normal/task.json").toString();
        String model = dir.resolve("m.zip").toString();
        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "x_1_1,x_1_2,x_1_3,x_2_1,x_2_2,x_2_3\n0.5,-1,2,0.7,-0.8,1.6\n");
        Result train = run("train", "--task", spec, "--simulations", "400", "--out", model);
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("conjugate_normal");

        Result served = run("sample", "--model", model, "--observation", obs.toString(), "--n", "20", "--out",
                dir.resolve("d.csv").toString()); // the spec is not needed to sample: the model file is enough
        assertThat(served.code()).as(served.err()).isZero();
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(Path.of(spec)).replace("conjugate_normal", "other_name"));
        Result mismatch = run("sample", "--model", model, "--task", other.toString(), "--observation",
                obs.toString(), "--n", "20", "--out", dir.resolve("d.csv").toString());
        assertThat(mismatch.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(mismatch.err()).contains("is task 'other_name', but --model").contains("'conjugate_normal'");
        Result sample = run("sample", "--model", model, "--task", spec, "--observation", obs.toString(), "--n", "50",
                "--out", dir.resolve("d.csv").toString());
        assertThat(sample.code()).as(sample.err()).isZero();

        Path answer = dir.resolve("nuts.csv");
        Result infer = run("infer", "--task", spec, "--method", "nuts", "--observation", obs.toString(), "--n", "300",
                "--budget", "20000", "--out", answer.toString());
        assertThat(infer.code()).as(infer.err()).isZero();
        double mean1 = Files.readAllLines(answer).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[0])).average().orElseThrow();
        assertThat(mean1).isBetween(4 * 1.2 / 9 - 0.15, 4 * 1.2 / 9 + 0.15); // exact: 4(x11 + x21)/9, SD 1/3
        assertThat(Path.of("conjugate_normal.simulator.log")).exists(); // the default log, in the working folder
        Files.delete(Path.of("conjugate_normal.simulator.log"));
    }

    @Test
    void trainDropsAndCountsTheRowsWhereTheCommandCrashesKeepingTheRest() throws IOException {
        assumeTrue(python(), "python3 is not on the PATH: the simulator is a Python script");
        Files.writeString(dir.resolve("sim.py"), """
                import sys
                while True:
                    line = sys.stdin.readline()
                    if not line:
                        break
                    n = int(line.split()[2])
                    sys.stdin.readline()
                    out = ["x"]
                    for _ in range(n):
                        t = float(sys.stdin.readline())
                        if t > 1.5:
                            sys.exit("cannot simulate t = %r" % t)
                        out.append(repr(2 * t))
                    print("\\n".join(out), flush=True)
                """);
        Path spec = dir.resolve("task.json");
        Files.writeString(spec, """
                {"name": "crashy", "parameters": [{"name": "t", "prior": {"type": "normal", "mean": 0, "sd": 1}}],
                 "data": ["x"], "simulator": {"command": ["python3", "sim.py"], "batchSize": 10, "workers": 2}}""");
        Result train = run("train", "--task", spec.toString(), "--simulations", "200", "--out",
                dir.resolve("m.zip").toString());
        assertThat(train.code()).as(train.err()).isZero();
        var dropped = java.util.regex.Pattern.compile("(\\d+) invalid dropped").matcher(train.out());
        assertThat(dropped.find()).as(train.out()).isTrue();
        int n = Integer.parseInt(dropped.group(1));
        assertThat(n).isBetween(5, 25); // P(t > 1.5) = 6.7%
        assertThat(train.out()).contains(n + " invalid dropped: " + n + " crashed)");
        assertThat(train.err()).contains(n + " of 200 simulations failed (" + n + " crashed)")
                .contains("crashy.simulator.log").doesNotContain("\tat ");
        assertThat(Files.readString(Path.of("crashy.simulator.log"))).contains("cannot simulate t =");
        Files.delete(Path.of("crashy.simulator.log"));
    }

    /** Whether python3 is on the PATH (the example simulator is a Python script). */
    static boolean python() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "python3"))) {
                return true;
            }
        }
        return false;
    }
}
