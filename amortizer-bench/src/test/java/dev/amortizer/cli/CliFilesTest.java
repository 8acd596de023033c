package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.SbibmData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole class of bad files and sizes, for every command that reads or writes one: a missing input, a folder
 * for an input, the output being an input, a link, a FIFO, a folder or a path under a regular file, and a size
 * that cannot fit in the heap. Each gets exit 2 with a one-line message, no stack trace, and leaves every file as it
 * was. They all fail before a model is loaded or ND4J started, which keeps this test fast.
 */
class CliFilesTest {
    /** A model any command can read: the models module's golden file (tests run in the module's folder). */
    private static final Path GOLDEN = Path.of("../amortizer-models/src/test/resources/golden/mdn-two_moons-v1.zip");
    private static final String ABSURD = "2000000000";

    @TempDir
    Path dir;

    private String out;
    private String err;
    private boolean fifo;

    /**
     * One command's line with slots: IN (its input file), OUT (its output), N (its size option), MODEL. Folder
     * outputs name a file written inside them.
     */
    record Template(String command, List<String> args, String folderOutputFile, String sizeOption) {
        String[] fill(Path in, Path out, String n, Path model) {
            return args.stream().map(a -> switch (a) {
                case "IN" -> in.toString();
                case "OUT" -> out.toString();
                case "N" -> n;
                case "MODEL" -> model.toString();
                case "FRESH_MODEL" -> out.resolveSibling("new-model.zip").toString();
                // training would create it: a bad --out must be refused before training starts
                case "CKPT" -> in.resolveSibling("new-checkpoints").toString();
                default -> a;
            }).toArray(String[]::new);
        }

        boolean hasInput() {
            return args.contains("IN");
        }

        boolean hasOutput() {
            return args.contains("OUT");
        }

        @Override
        public String toString() {
            return command;
        }
    }

    static Stream<Template> templates() {
        return Stream.of(
                new Template("simulate", List.of("simulate", "--task", "two_moons", "--n", "N", "--out", "OUT"),
                        "theta.csv", "--n"),
                new Template("reference", List.of("reference", "--task", "two_moons", "--observation", "IN", "--n",
                        "N", "--out", "OUT"), null, "--n"),
                new Template("train", List.of("train", "--task", "two_moons", "--simulations", "N", "--checkpoints",
                        "CKPT", "--out", "OUT"), null, "--simulations"),
                new Template("train-checkpoints", List.of("train", "--task", "two_moons", "--simulations", "N",
                        "--checkpoints", "OUT", "--out", "FRESH_MODEL"), "simulations", "--simulations"),
                new Template("sample", List.of("sample", "--model", "MODEL", "--observation", "IN", "--n", "N",
                        "--out", "OUT"), null, "--n"),
                new Template("sample-model", List.of("sample", "--model", "IN", "--observation", "MODEL", "--n", "N",
                        "--out", "OUT"), null, "--n"),
                new Template("infer", List.of("infer", "--task", "two_moons", "--method", "mcmc", "--observation", "IN",
                        "--n", "N", "--out", "OUT"), null, "--n"),
                new Template("evaluate", List.of("evaluate", "--model", "IN", "--n", "N", "--out", "OUT"), null,
                        "--n"),
                new Template("bench", List.of("bench", "--spec", "IN", "--samples", "N", "--out", "OUT"),
                        "report.md", "--samples"),
                new Template("bench-queries", List.of("bench", "--queries", "IN", "--observations", "1", "--out",
                        "OUT"), "report.md", null),
                new Template("c2st", List.of("c2st", "IN", "MODEL"), null, null));
    }

    private Path in(Template t) {
        return switch (t.command()) {
            case "sample-model", "evaluate" -> dir.resolve("in-model.zip");
            case "bench" -> dir.resolve("in-spec.json");
            case "c2st" -> dir.resolve("in-samples.csv");
            default -> dir.resolve("in-obs.csv");
        };
    }

    /** The second file slot: the model of {@code sample}, its observation where IN is the model, c2st's other file. */
    private Path model(Template t) {
        return switch (t.command()) {
            case "c2st" -> dir.resolve("in-samples.csv");
            case "sample-model" -> dir.resolve("in-obs.csv");
            default -> dir.resolve("in-model.zip");
        };
    }

    @BeforeEach
    void inputs() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("in-obs.csv"), "data_1,data_2\n0.1,0.2\n");
        Files.writeString(dir.resolve("in-spec.json"), "{\"observations\": 1}\n");
        StringBuilder samples = new StringBuilder("p1,p2\n");
        for (int i = 0; i < 20; i++) {
            samples.append(i).append(',').append(i % 3).append('\n');
        }
        Files.writeString(dir.resolve("in-samples.csv"), samples);
        if (Files.isRegularFile(GOLDEN)) {
            Files.copy(GOLDEN, dir.resolve("in-model.zip"));
        } else {
            Files.writeString(dir.resolve("in-model.zip"), "not a model, but no command gets as far as reading it");
        }
        Files.createDirectory(dir.resolve("in-folder"));
        Files.writeString(dir.resolve("in-folder/kept.txt"), "kept");
        Files.writeString(dir.resolve("in-file"), "a regular file");
        Files.createSymbolicLink(dir.resolve("in-link"), dir.resolve("in-file"));
        Files.createSymbolicLink(dir.resolve("in-dangling"), dir.resolve("in-nowhere"));
        fifo = mkfifo(dir.resolve("in-fifo"));
    }

    /** Makes a FIFO with mkfifo(1); false where there is none (the FIFO variants are then left out). */
    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    /** Every path under the folder with what it is: content and mode of files, targets of links; FIFOs unread. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "link to " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = "folder";
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = Arrays.hashCode(Files.readAllBytes(p)) + " "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                } else {
                    what = "special";
                }
                all.put(dir.relativize(p).toString(), what);
            }
        }
        return all;
    }

    private void assertBadInput(Template t, String variant, String expected, String... args) throws IOException {
        Map<String, String> before = snapshot();
        int code = run(args);
        String label = t + " with " + variant + ": " + String.join(" ", args);
        assertThat(code).as("exit code of %s (stderr: %s)", label, err).isEqualTo(Main.BAD_INPUT);
        assertThat(err).as(label).contains(expected).doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("internal error");
        assertThat(err.strip().lines().count()).as("one line for " + label + ": " + err).isEqualTo(1);
        assertThat(snapshot()).as("files after " + label).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyBadFileAndSizeIsExitTwoAndTouchesNothing(Template t) throws IOException {
        Path in = in(t);
        Path model = model(t);
        Path fresh = dir.resolve(t.folderOutputFile() == null ? "new-output.csv" : "new-output");
        String n = "100";
        if (t.hasInput()) {
            assertBadInput(t, "a missing input", "file not found",
                    t.fill(dir.resolve("in-missing.csv"), fresh, n, model));
            assertBadInput(t, "a folder for an input", "is a folder, expected a file",
                    t.fill(dir.resolve("in-folder"), fresh, n, model));
        }
        if (t.hasOutput()) {
            List<Object[]> outputs = new ArrayList<>();
            if (t.folderOutputFile() == null) {
                if (t.hasInput()) {
                    outputs.add(new Object[] {"the input as output", in, "is the input"});
                }
                outputs.add(new Object[] {"a link as output", dir.resolve("in-link"), "is a symbolic link"});
                outputs.add(new Object[] {"a dangling link as output", dir.resolve("in-dangling"),
                    "is a symbolic link"});
                outputs.add(new Object[] {"a folder as output", dir.resolve("in-folder"), "is a folder"});
                if (fifo) {
                    outputs.add(new Object[] {"a FIFO as output", dir.resolve("in-fifo"), "special file"});
                }
            } else {
                outputs.add(new Object[] {"a file as output folder", dir.resolve("in-file"), "is not a folder"});
                outputs.add(new Object[] {"a link to a file as output folder", dir.resolve("in-link"),
                    "is not a folder"});
                if (fifo) {
                    outputs.add(new Object[] {"a FIFO as output folder", dir.resolve("in-fifo"), "is not a folder"});
                }
            }
            outputs.add(new Object[] {"an output under a regular file", dir.resolve("in-file/x/y"), "is not a folder"});
            for (Object[] o : outputs) {
                assertBadInput(t, (String) o[0], (String) o[2], t.fill(in, (Path) o[1], n, model));
            }
        }
        if (t.sizeOption() != null && Files.isRegularFile(GOLDEN)
                && (!t.command().equals("evaluate") || SbibmData.locate().isPresent())) {
            if (t.command().equals("bench")) {
                // A bench size is refused by the spec's limits before the heap is asked.
                assertBadInput(t, "an absurd size", "samples must be 1..10000000, got 2000000000",
                        t.fill(in, fresh, ABSURD, model));
            } else {
                assertBadInput(t, "an absurd size", "2,000,000,000", t.fill(in, fresh, ABSURD, model));
                assertThat(err).contains(t.sizeOption()).contains("heap").contains("AMORTIZER_JAVA_OPTS=-Xmx");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(f -> f.startsWith("in-"));
        }
    }

    @Test
    void insideAnOutputFolderLinksAndFifosAreRefusedToo() throws IOException, InterruptedException {
        Path folder = Files.createDirectory(dir.resolve("in-out"));
        Files.createSymbolicLink(folder.resolve("theta.csv"), dir.resolve("in-file"));
        assertBadInput(templates().findFirst().orElseThrow(), "a link inside the output folder",
                "theta.csv is a symbolic link", "simulate", "--task", "two_moons", "--n", "10", "--out",
                folder.toString());
        Path spec = folder.resolve("spec.json");
        Files.writeString(spec, "{}");
        Files.delete(folder.resolve("theta.csv"));
        assertBadInput(templates().filter(t -> t.command().equals("bench")).findFirst().orElseThrow(),
                "the spec inside the output folder", "is the input", "bench", "--spec", spec.toString(), "--out",
                folder.toString());
    }

    @Test
    void aModelIsNeverOverwrittenBySamplingIntoIt() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(GOLDEN), "golden model file not found");
        Path model = dir.resolve("in-model.zip");
        Path obs = dir.resolve("in-obs.csv");
        Path hardLink = Files.createLink(dir.resolve("in-hard.zip"), model);
        for (Path target : List.of(model, hardLink, dir.resolve("in-folder/../in-model.zip"))) {
            assertBadInput(templates().filter(t -> t.command().equals("sample")).findFirst().orElseThrow(),
                    "the model as output", "is the input", "sample", "--model", model.toString(), "--observation",
                    obs.toString(), "--n", "10", "--out", target.toString());
        }
    }

    @Test
    void anExistingRegularOutputIsReplacedAndSaidSo() throws IOException {
        Path target = dir.resolve("in-ref.csv");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(run("reference", "--task", "two_moons", "--observation", dir.resolve("in-obs.csv").toString(),
                "--n", "10", "--out", target.toString())).as(err).isZero();
        assertThat(err).contains("overwriting " + target);
        assertThat(out).contains("wrote 10 reference draws to " + target);
        assertThat(Files.readString(target)).startsWith("parameter_1,parameter_2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(f -> f.startsWith("in-"));
        }
    }

    @Test
    void aNewOutputSaysNothingAboutOverwriting() {
        assertThat(run("reference", "--task", "two_moons", "--observation", dir.resolve("in-obs.csv").toString(),
                "--n", "10", "--out", dir.resolve("in-new.csv").toString())).as(err).isZero();
        assertThat(err).isEmpty();
    }

    @Test
    void anSbibmObservationNumberWorksInInferAsInReference() throws IOException {
        Assumptions.assumeTrue(SbibmData.locate().isPresent(), "shared/sbibm not found");
        for (String command : List.of("reference", "infer")) {
            Path target = dir.resolve("in-" + command + ".csv");
            List<String> args = new ArrayList<>(List.of(command, "--task", "two_moons", "--observation", "3", "--n",
                    "20", "--out", target.toString()));
            if (command.equals("infer")) {
                args.addAll(List.of("--method", "mcmc", "--budget", "2000"));
            }
            assertThat(run(args.toArray(String[]::new))).as(command + ": " + err).isZero();
            assertThat(Files.readString(target)).startsWith("parameter_1,parameter_2");
        }
        assertThat(run("infer", "--task", "two_moons", "--method", "mcmc", "--observation", "11", "--n", "20",
                "--out", dir.resolve("in-x.csv").toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err).contains("--observation 11: no such file, and sbibm's observations are 1..10");
    }

    @Test
    void aBadOptionIsReportedBeforeTheModelIsRead() throws IOException {
        Path garbage = Files.writeString(dir.resolve("in-garbage.zip"), "not a zip");
        Path obs = dir.resolve("in-obs.csv");
        assertBadInput(templates().filter(t -> t.command().equals("sample")).findFirst().orElseThrow(), "--n 0",
                "--n must be between 1", "sample", "--model", dir.resolve("in-absent.zip").toString(),
                "--observation", obs.toString(), "--n", "0", "--out", dir.resolve("s.csv").toString());
        assertBadInput(templates().filter(t -> t.command().equals("sample")).findFirst().orElseThrow(),
                "an output under a file", "in-file is not a folder", "sample", "--model", garbage.toString(),
                "--observation", obs.toString(), "--n", "10", "--out", dir.resolve("in-file/s.csv").toString());
        assertBadInput(templates().filter(t -> t.command().equals("evaluate")).findFirst().orElseThrow(),
                "--observations 11", "--observations: 11 is not in 1..10", "evaluate", "--model",
                dir.resolve("in-absent.zip").toString(), "--observations", "11");
    }

    @Test
    void aSpecThatIsNotUtf8IsBadInputNamingTheFile() throws IOException {
        Path spec = Files.write(dir.resolve("in-latin1.json"), "{\"tasks\": [\"caf\u00e9\"]}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Template bench = templates().filter(t -> t.command().equals("bench")).findFirst().orElseThrow();
        assertBadInput(bench, "a Latin-1 spec", spec.toString(), "bench", "--spec", spec.toString(), "--out",
                dir.resolve("report").toString());
    }

    @Test
    void sizesThatAreNotDrawCountsAreCheckedToo() throws IOException {
        Path obs = dir.resolve("in-obs.csv");
        Template infer = templates().filter(t -> t.command().equals("infer")).findFirst().orElseThrow();
        assertBadInput(infer, "an absurd rejection ABC budget", "--budget 500,000,000: rejection ABC's simulations",
                "infer", "--task", "two_moons", "--method", "rejection-abc", "--observation", obs.toString(), "--n",
                "10", "--budget", "500000000", "--out", dir.resolve("s.csv").toString());
        Template bench = templates().filter(t -> t.command().equals("bench")).findFirst().orElseThrow();
        String report = dir.resolve("report").toString();
        assertBadInput(bench, "absurd replicates", "replicates must be 1..1000000, got 2000000000", "bench",
                "--replicates", ABSURD, "--out", report);
        assertBadInput(bench, "an absurd ladder", "the ladder of rejection-abc", "bench", "--ladder",
                "rejection-abc=1000,500000000", "--out", report);
        Template train = templates().filter(t -> t.command().equals("train")).findFirst().orElseThrow();
        for (String estimator : List.of("maf", "mdn", "fmpe")) {
            assertBadInput(train, "a huge " + estimator, "a network of about", "train", "--task", "two_moons",
                    "--simulations", "100", "--estimator", estimator, "--transforms", "64", "--hidden",
                    String.join(",", java.util.Collections.nCopies(32, "4096")), "--components", "1000", "--out",
                    dir.resolve("m.zip").toString());
        }
        Path spec = Files.writeString(dir.resolve("in-big.json"), "{\"samples\": 2147483647}");
        assertBadInput(bench, "absurd samples in a spec", "line 1, column 23: samples must be 1..10000000, got"
                + " 2147483647", "bench", "--spec", spec.toString(), "--out", report);
    }

    @Test
    void anObservationTheReferenceSamplerRejectsIsBadInput() throws IOException {
        Path far = Files.writeString(dir.resolve("in-far.csv"), "data_1,data_2\n1e6,-1e6\n");
        Template reference = templates().filter(t -> t.command().equals("reference")).findFirst().orElseThrow();
        assertBadInput(reference, "an observation far outside the prior box", "--observation " + far
                + ": two_moons reference: observation", "reference", "--task", "two_moons", "--observation",
                far.toString(), "--n", "10", "--out", dir.resolve("r.csv").toString());
    }
}
