package dev.amortizer.cli;

import dev.amortizer.data.ExpectedColumns;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.models.TaskResolver;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Path;

/** Validation of command-line input shared by the commands; every failure names the option or file. */
final class Inputs {
    private Inputs() {
    }

    /** The task a catalogue name, a plugin's task name or a task spec file names ({@link TaskResolver}). */
    static Task task(String nameOrPath) {
        return TaskResolver.resolve(nameOrPath);
    }

    /** The value {@code parse} makes of an option, its IllegalArgumentException prefixed by the option's name. */
    static <T> T option(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** A count that must be at least 1. */
    static int positive(String option, long value) {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be between 1 and " + Integer.MAX_VALUE + ", got " + value);
        }
        return (int) value;
    }

    /**
     * An input file checked before any work: it exists, is a file (a link to one is fine) and is readable. Without
     * this a folder given as a file fails deep in a reader with an internal error.
     */
    static Path file(String option, Path file) {
        if (file == null) {
            return null;
        }
        if (!java.nio.file.Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + file + ": file not found");
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder, expected a file");
        }
        if (!java.nio.file.Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": permission denied: cannot read it");
        }
        return file;
    }

    /** The single data row of an observation file, its header and values checked against the task. */
    static double[] observation(Path file, Task task) throws IOException {
        double[] x = SamplesCsv.readSingleRow(file, ExpectedColumns.data(task.dataNames()));
        try {
            task.checkObservation(x);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return x;
    }
}
