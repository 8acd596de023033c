package dev.amortizer.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file all at once or not at all: a temporary sibling {@code .NAME.PID-K.amortizer-tmp} renamed into place.
 *
 * <p>Only a regular file is ever replaced: a symbolic link, FIFO, device or folder at the target is refused (replacing
 * it would silently destroy what it is). The file gets the permissions a plain write would give it: those of the file
 * it replaces, or, for a new file, 0666 less the umask (the temporary is created by an ordinary open, not by
 * {@code createTempFile}, which would make it 0600). A temporary left by a killed process (its PID no longer running)
 * is removed by the next write of the same target.
 */
public final class AtomicFiles {
    /** The suffix that marks this class's temporaries. */
    public static final String TMP_SUFFIX = ".amortizer-tmp";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Writes the body of a file to the stream it is given. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Runs {@code body} against a temporary file and renames it to {@code target} on success. */
    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        checkWritable(absolute);
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String name = absolute.getFileName().toString();
        removeStaleTemporaries(dir, name);
        Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet()
                + TMP_SUFFIX);
        boolean done = false;
        try {
            // CREATE_NEW: never follows a link planted at the temporary's name; the umask applies as for any open.
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                body.writeTo(out);
            }
            keepPermissions(absolute, tmp);
            checkWritable(absolute); // the target may have changed kind while the body was written
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes a string as UTF-8, atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Refuses a target this class would not write: one that exists and is not a regular file (links are not
     * followed), or one whose nearest existing ancestor is not a folder. These are I/O failures of the target's
     * state (callers of {@code write} already handle IOException); a command line reports them as bad input.
     *
     * @throws NotDirectoryException naming the ancestor that is not a folder
     * @throws FileSystemException   naming the target and what it is
     */
    public static void checkWritable(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (Path up = absolute.getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up)) { // follows links: a linked folder is a folder
                if (!Files.isDirectory(up)) {
                    throw new NotDirectoryException(up.toString());
                }
                break;
            }
            if (Files.isSymbolicLink(up)) {
                throw new FileSystemException(up.toString(), null, "a broken symbolic link; cannot write under it");
            }
        }
        String kind = kind(absolute);
        if (kind != null && !kind.equals("regular file")) {
            throw new FileSystemException(target.toString(), null, "a " + kind + ", not a regular file; refusing to"
                    + " replace it");
        }
    }

    /** What is at {@code path} without following links ("regular file", "symbolic link", ...), or null if nothing. */
    public static String kind(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (a.isRegularFile()) {
            return "regular file";
        }
        if (a.isSymbolicLink()) {
            return "symbolic link";
        }
        if (a.isDirectory()) {
            return "folder";
        }
        return "special file (FIFO, socket or device)";
    }

    /**
     * Temporaries of {@code name} whose writer is no longer running: a killed write leaves them. Those that earlier
     * versions named {@code .NAME<digits>.tmp} (from {@code createTempFile}) carry no PID and are removed as well.
     */
    private static void removeStaleTemporaries(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        String legacy = "\\." + java.util.regex.Pattern.quote(name) + "\\d+\\.tmp";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TMP_SUFFIX) || n.matches(legacy);
        })) {
            for (Path p : siblings) {
                String middle = p.getFileName().toString();
                if (middle.matches(legacy)) {
                    Files.deleteIfExists(p);
                    continue;
                }
                middle = middle.substring(prefix.length(), middle.length() - TMP_SUFFIX.length());
                int dash = middle.indexOf('-');
                if (dash <= 0) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(middle.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue; // not ours
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a concurrent write in progress
                }
                Files.deleteIfExists(p);
            }
        }
    }

    /** Gives the temporary the mode of the file it replaces, as an in-place write would keep it. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            // the target vanished meanwhile: the umask's mode stands
        }
    }
}
