package dev.amortizer.cli;

import dev.amortizer.model.NoDeserialization;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code amortizer} command line. */
@Command(name = "amortizer", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Amortised simulation-based inference, and when it pays off.",
        subcommands = {TasksCommand.class, SimulateCommand.class, ReferenceCommand.class, TrainCommand.class,
            SampleCommand.class, InferCommand.class, C2stCommand.class, EvaluateCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        NoDeserialization.install();
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with errors and usage going to {@code err}; returns the exit code (tests call this). */
    public static int run(PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        int code = cli.execute(args);
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandName();
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof IllegalArgumentException) {
            err.println(name + ": error: " + cause.getMessage());
            return BAD_INPUT;
        }
        if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
            err.println(name + ": error: file not found: " + cause.getMessage());
            return BAD_INPUT;
        }
        if (cause instanceof AccessDeniedException) {
            err.println(name + ": error: permission denied: " + cause.getMessage());
            return BAD_INPUT;
        }
        err.println(name + ": internal error: " + cause);
        cause.printStackTrace(err);
        return INTERNAL;
    }

    /** The library version from the jar's Maven metadata. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"amortizer " + dev.amortizer.npe.NpeProvenance.currentLibraryVersion()};
        }
    }
}
