package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.nn.ComputeBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Help and version on standard output with exit 0, for every command picocli knows; errors never leak a trace. */
class CliHelpAndVersionTest {
    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    /** Every subcommand, so that a new one is covered without touching this test. */
    static Stream<String> commands() {
        return Main.commandLine().getSubcommands().keySet().stream();
    }

    @Test
    void theCommandListIsComplete() {
        assertThat(commands()).contains("tasks", "simulate", "reference", "train", "sample", "infer", "c2st",
                "evaluate", "bench", "help");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpOfEveryCommandGoesToStandardOutputWithExitZero(String command) {
        for (List<String> args : List.of(List.of(command, "--help"), List.of(command, "-h"), List.of("help", command))) {
            assertThat(run(args.toArray(String[]::new))).as("%s (stderr: %s)", args, err).isZero();
            assertThat(out).as("%s", args).contains("Usage: amortizer " + command);
            assertThat(err).as("%s", args).isEmpty();
        }
    }

    @Test
    void helpAloneAndNoCommandAtAll() {
        assertThat(run("help")).isZero();
        assertThat(out).startsWith("Usage: amortizer").contains("Commands:").contains("sample").contains("help");
        assertThat(run("--help")).isZero();
        assertThat(out).startsWith("Usage: amortizer");
        assertThat(run()).isEqualTo(Main.BAD_INPUT);
        assertThat(err).contains("a command is required").doesNotContain("\tat ");
    }

    @Test
    void versionNamesLibraryCommitJvmOsAndTheBackendAndDeviceInUse() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"sample", "--version"}}) {
            assertThat(run(args)).isZero();
            assertThat(out).startsWith("amortizer ").contains("(commit ").contains("JVM: Java " + Runtime.version())
                    .contains("OS: " + System.getProperty("os.name"))
                    .contains("ND4J backend: nd4j-native (loaded; on the classpath: nd4j-native (CPU)")
                    .contains("Device: ").contains("OMP_NUM_THREADS=1").contains("compute backend " + ComputeBackend.selected())
                    .contains("GPU: none (a build without the CUDA backend)");
        }
    }

    @Command(name = "greedy")
    static final class Greedy implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** Fails as a simulation thread would: the error wrapped in an ExecutionException. */
    @Command(name = "worker")
    static final class GreedyWorker implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new java.util.concurrent.ExecutionException(new OutOfMemoryError("Java heap space"));
        }
    }

    @Test
    void anOutOfMemoryErrorBecomesAMessageNotATrace() {
        for (Object command : new Object[] {new Greedy(), new GreedyWorker()}) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = Main.execute(new CommandLine(command), new PrintWriter(o), new PrintWriter(e));
            assertThat(code).isEqualTo(Main.INTERNAL);
            assertThat(e.toString()).contains("out of memory").contains("AMORTIZER_JAVA_OPTS=-Xmx")
                    .doesNotContain("\tat ").doesNotContain("OutOfMemoryError");
        }
    }
}
