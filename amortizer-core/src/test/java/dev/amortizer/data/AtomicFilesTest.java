package dev.amortizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files are replaced, with the mode a plain write gives, and no temporary outlives its writer. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewFileGetsTheModeOfAPlainWriteNotTheTemporaryFiles0600() throws IOException {
        Assumptions.assumeTrue(posix(dir));
        Path plain = dir.resolve("plain");
        Files.newOutputStream(plain).close(); // 0666 less this process's umask
        Path atomic = dir.resolve("atomic");
        AtomicFiles.writeString(atomic, "x");
        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void overwritingKeepsTheReplacedFilesMode() throws IOException {
        Assumptions.assumeTrue(posix(dir));
        Path target = dir.resolve("t.csv");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.writeString(target, "new");
        assertThat(target).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
    }

    @Test
    void aTemporaryLeftByADeadWriterIsRemovedByTheNextWrite() throws IOException {
        Path stale = dir.resolve(".t.csv.999999999-1" + AtomicFiles.TMP_SUFFIX); // no such PID
        Files.writeString(stale, "half written");
        Path live = dir.resolve(".t.csv." + ProcessHandle.current().pid() + "-999" + AtomicFiles.TMP_SUFFIX);
        Files.writeString(live, "a write in progress");
        Path legacy = dir.resolve(".t.csv1234567890123.tmp"); // createTempFile's name, before PIDs
        Files.writeString(legacy, "half written by an older version");
        Path other = dir.resolve(".other.csv.999999999-1" + AtomicFiles.TMP_SUFFIX);
        Files.writeString(other, "another target's");
        AtomicFiles.writeString(dir.resolve("t.csv"), "done");
        assertThat(names()).containsExactly(other.getFileName().toString(), live.getFileName().toString(), "t.csv");
    }

    @Test
    void aFailedWriteLeavesNoTemporaryAndTheOldFileIntact() throws IOException {
        Path target = dir.resolve("t.csv");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(names()).containsExactly("t.csv");
        assertThat(target).hasContent("old");
    }

    @Test
    void symbolicLinksFoldersAndSpecialFilesAreNotReplaced() throws IOException, InterruptedException {
        Path real = Files.writeString(dir.resolve("real"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertThatThrownBy(() -> AtomicFiles.writeString(link, "x")).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(link + ": a symbolic link, not a regular file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("keep");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertThatThrownBy(() -> AtomicFiles.writeString(folder, "x")).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(folder + ": a folder");
        assertThatThrownBy(() -> AtomicFiles.writeString(real.resolve("under"), "x"))
                .isInstanceOf(NotDirectoryException.class).hasMessage(real.toString());
        assertThatThrownBy(() -> AtomicFiles.writeString(real.resolve("a/b"), "x"))
                .isInstanceOf(NotDirectoryException.class).hasMessage(real.toString());
        Path fifo = dir.resolve("fifo");
        if (mkfifo(fifo)) {
            assertThatThrownBy(() -> AtomicFiles.writeString(fifo, "x")).isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("special file");
            assertThat(AtomicFiles.kind(fifo)).startsWith("special file");
        }
        assertThat(names()).containsExactlyInAnyOrderElementsOf(fifo.toFile().exists()
                ? List.of("fifo", "folder", "link", "real") : List.of("folder", "link", "real"));
    }

    /** Makes a FIFO with mkfifo(1); false where there is none. */
    static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
