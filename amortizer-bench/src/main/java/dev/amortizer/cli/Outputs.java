package dev.amortizer.cli;

import dev.amortizer.data.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The check every command's outputs pass before any work is done, so that a bad {@code --out} fails in a second, not
 * after the training: only a new path or an existing regular file is written (never a link, FIFO, device or folder;
 * {@link AtomicFiles} checks this again as it writes), never one of the command's inputs, and never under something
 * that is not a folder. An existing regular file is replaced, and the command says so on standard error.
 */
final class Outputs {
    private Outputs() {
    }

    /** Checks an output file against its kind and the command's inputs (nulls among them are ignored). */
    static void file(PrintWriter err, String option, Path out, Path... inputs) throws IOException {
        if (check(option, out, java.util.Arrays.asList(inputs))) {
            err.println("amortizer: overwriting " + out);
        }
    }

    /** Checks an output folder and the files the command will write in it (relative names). */
    static void folder(PrintWriter err, String option, Path dir, Collection<String> files, Path... inputs)
            throws IOException {
        nearestExisting(option, dir, dir); // follows links: a link to a folder is fine, we write inside it
        List<String> replaced = new ArrayList<>();
        for (String name : files) {
            if (check(option, dir.resolve(name), java.util.Arrays.asList(inputs))) {
                replaced.add(name);
            }
        }
        if (!replaced.isEmpty()) {
            err.println("amortizer: overwriting in " + dir + ": " + String.join(", ", replaced));
        }
    }

    /** True if {@code out} is an existing regular file that will be replaced. */
    private static boolean check(String option, Path out, List<Path> inputs) throws IOException {
        Path existing = nearestExisting(option, out, out.toAbsolutePath().getParent());
        String kind = AtomicFiles.kind(out);
        if (kind != null && !kind.equals("regular file")) {
            throw new IllegalArgumentException(option + " " + out + " is a " + kind + ", not a regular file;"
                    + " refusing to replace it (give a new file name)");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " " + out + ": permission denied: cannot write in "
                    + existing);
        }
        if (!Files.exists(out)) {
            return false;
        }
        for (Path in : inputs.stream().filter(Objects::nonNull).toList()) {
            if (Files.exists(in) && Files.isSameFile(in, out)) {
                throw new IllegalArgumentException(option + " " + out + " is the input " + in + "; writing it would"
                        + " destroy the input: give another output file");
            }
        }
        return true;
    }

    /** {@code start} or its nearest existing ancestor, which must be a folder; messages name {@code given}. */
    private static Path nearestExisting(String option, Path given, Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(option + " " + given + ": " + p + " is not a folder");
                }
                return p;
            }
        }
        throw new IllegalArgumentException(option + " " + given + ": no existing folder above it");
    }
}
