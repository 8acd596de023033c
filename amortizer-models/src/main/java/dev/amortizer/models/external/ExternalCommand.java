package dev.amortizer.models.external;

import dev.amortizer.data.Quoted;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run an external command: its argument list, the folder it runs in, the time one batch may take, the rows
 * per batch, the number of worker processes, what to do with a row that fails, and the file its standard error is
 * appended to.
 *
 * @param command     program and arguments; a relative program path is resolved against {@code directory}
 * @param directory   the working folder of every process (the task spec's folder)
 * @param timeoutSeconds longest time one batch may take before its process is killed
 * @param batchSize   θ rows sent in one batch (fixed, so that the seeds, and so the output, do not depend on the
 *                    number of workers)
 * @param workers     processes run at once
 * @param onFailure   {@link OnFailure#DROP}: a failed row becomes NaN and is counted; {@link OnFailure#FAIL}: stop
 * @param log         file the processes' standard error is appended to
 */
public record ExternalCommand(List<String> command, Path directory, double timeoutSeconds, int batchSize, int workers,
                              OnFailure onFailure, Path log) {
    /** What a row that fails even alone does. */
    public enum OnFailure {
        /** Becomes a row of NaN, counted by kind. */
        DROP,
        /** Stops the run with an IllegalArgumentException naming the command, θ and the tail of standard error. */
        FAIL
    }

    /** The most rows of one batch. */
    public static final int MAX_BATCH = 100_000;
    /** The most worker processes. */
    public static final int MAX_WORKERS = 1024;

    public ExternalCommand {
        if (command == null || command.isEmpty() || command.stream().anyMatch(a -> a == null || a.isEmpty())) {
            throw new IllegalArgumentException("command must be a non-empty list of non-empty strings, got "
                    + (command == null ? "none" : Quoted.of(String.valueOf(command))));
        }
        command = List.copyOf(command);
        if (log != null) {
            log = log.toAbsolutePath(); // the processes run elsewhere; the log stays where the caller meant
        }
        if (directory == null || log == null || onFailure == null) {
            throw new IllegalArgumentException("directory, log and onFailure are required");
        }
        if (!(timeoutSeconds > 0) || timeoutSeconds > 1e7) {
            throw new IllegalArgumentException("timeoutSeconds must be in (0, 1e7], got " + timeoutSeconds);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be in 1.." + MAX_BATCH + ", got " + batchSize);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in 1.." + MAX_WORKERS + ", got " + workers);
        }
    }

    /** The command line as a message shows it. */
    public String describe() {
        return Quoted.of(String.join(" ", command)) + " (in " + directory + ")";
    }
}
