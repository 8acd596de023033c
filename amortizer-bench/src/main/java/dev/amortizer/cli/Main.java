package dev.amortizer.cli;

import dev.amortizer.data.Quoted;
import dev.amortizer.device.DevicePreflight;
import dev.amortizer.model.NoDeserialization;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** Entry point of the {@code amortizer} command line. */
@Command(name = "amortizer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Amortised simulation-based inference, and when it pays off.",
        footer = {"", "Every command also takes --plugin JAR (repeatable; or the path list AMORTIZER_PLUGINS): a jar of"
            + " task plugins (dev.amortizer.task.TaskProvider) whose tasks --task then names."},
        subcommands = {TasksCommand.class, SimulateCommand.class, ReferenceCommand.class, TrainCommand.class,
            SampleCommand.class, InferCommand.class, C2stCommand.class, EvaluateCommand.class, BenchCommand.class, PlanCommand.class,
            CheckCommand.class,
            HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int INTERNAL = 1;
    /**
     * The most characters of an error message. The readers quote and cap what they echo ({@link Quoted}); this is the
     * last guard, at the one place messages reach the terminal: control characters escaped, length capped.
     */
    static final int MESSAGE_LIMIT = 2000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        NoDeserialization.install();
        DevicePreflight.run(System.err); // before anything starts ND4J: a CUDA build falls back here, saying why
        System.exit(runWithPlugins(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.getenv(Plugins.VARIABLE), args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with errors and usage going to {@code err}; returns the exit code (tests call this). */
    public static int run(PrintWriter err, String... args) {
        return run(new PrintWriter(System.out, true), err, args);
    }

    /** Runs a command line with results and help going to {@code out}, errors to {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return runWithPlugins(out, err, null, args);
    }

    /**
     * Runs a command line with the task plugins of {@code --plugin JAR} options and of {@code pluginPath} (a path
     * list, null for none) on the class loader the task resolver searches.
     */
    static int runWithPlugins(PrintWriter out, PrintWriter err, String pluginPath, String... args) {
        Plugins plugins;
        ClassLoader loader;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            plugins = Plugins.of(args, pluginPath);
            loader = plugins.loader(previous == null ? Main.class.getClassLoader() : previous);
        } catch (IllegalArgumentException e) {
            err.println("amortizer: error: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        thread.setContextClassLoader(loader);
        try {
            return execute(commandLine(), out, err, plugins.args());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The command tree, every command with {@code --help} and {@code --version}. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (CommandLine sub : cli.getSubcommands().values()) {
            // without these, `COMMAND --help` is an unknown option or fails on the required ones (exit 2)
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            sub.getCommandSpec().versionProvider(new Version());
        }
        return cli;
    }

    /** Executes {@code args} on {@code cli}; an OutOfMemoryError (picocli lets Errors through) becomes exit 1. */
    static int execute(CommandLine cli, PrintWriter out, PrintWriter err, String... args) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::handleParameters);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * One line instead of an OutOfMemoryError's trace, which says nothing useful. Exit 1, not 2: the size checks
     * refuse every size they can predict with exit 2, so reaching here means one of them was wrong.
     */
    private static int outOfMemory(PrintWriter err) {
        err.printf("amortizer: internal error: out of memory (the heap is at most %s): use smaller sizes, or a"
                + " larger heap, e.g. AMORTIZER_JAVA_OPTS=-Xmx%dg; please report it: the up-front size checks"
                + " should have refused this%n", MemoryCheck.gigabytes(Runtime.getRuntime().maxMemory()),
                Math.max(2, 2 * Runtime.getRuntime().maxMemory() >> 30));
        return INTERNAL;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see `amortizer help`)");
    }

    /** The one place where exceptions become exit codes: bad input is 2 with one line, anything else 1 with a trace. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandName();
        Throwable cause = unwrap(e);
        if (cause instanceof OutOfMemoryError) { // from a worker thread, wrapped
            return outOfMemory(err);
        }
        String message = badInput(cause);
        if (message != null) {
            err.println(name + ": error: " + Quoted.plain(message, MESSAGE_LIMIT));
            return BAD_INPUT;
        }
        err.println(name + ": internal error: " + cause);
        cause.printStackTrace(err);
        return INTERNAL;
    }

    /**
     * Picocli's own messages (an unknown option, a value that does not parse) echo what was typed: escaped and capped
     * like every other message, then the suggestions or the usage, as picocli would print them.
     */
    private static int handleParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": error: " + Quoted.plain(e.getMessage(), MESSAGE_LIMIT));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            cmd.usage(err);
        }
        return BAD_INPUT;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The message for an exception that means bad input (the user's files, options or environment), else null. */
    static String badInput(Throwable t) {
        if (t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "file not found: " + t.getMessage();
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied: " + t.getMessage();
        }
        if (t instanceof NotDirectoryException n) {
            return n.getFile() + " is not a folder";
        }
        if (t instanceof DirectoryNotEmptyException n) {
            return n.getFile() + " is a folder that is not empty";
        }
        if (t instanceof FileAlreadyExistsException n) {
            return n.getFile() + " already exists" + (n.getOtherFile() == null ? "" : " (" + n.getOtherFile() + ")");
        }
        if (t instanceof FileSystemLoopException n) {
            return n.getFile() + ": a loop of symbolic links";
        }
        if (t instanceof FileSystemException f) { // "Is a directory", "Not a directory", "No space left on device"...
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": "
                    + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        if (t instanceof CharacterCodingException) { // carries no file name; the readers should add it
            return "a file given is not UTF-8 text (" + t.getMessage() + ")";
        }
        return null;
    }
}
