package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** Main#handle's single mapping: the file system's and the decoder's complaints are bad input, naming the file. */
class MainHandleTest {
    @Test
    void fileSystemAndDecodingErrorsAreBadInputNamingTheFile() {
        assertThat(Main.badInput(new IllegalArgumentException("--n must be >= 1"))).isEqualTo("--n must be >= 1");
        assertThat(Main.badInput(new NoSuchFileException("a.csv"))).isEqualTo("file not found: a.csv");
        assertThat(Main.badInput(new AccessDeniedException("a.csv"))).isEqualTo("permission denied: a.csv");
        assertThat(Main.badInput(new NotDirectoryException("f/x"))).isEqualTo("f/x is not a folder");
        assertThat(Main.badInput(new DirectoryNotEmptyException("d"))).isEqualTo("d is a folder that is not empty");
        assertThat(Main.badInput(new FileAlreadyExistsException("d"))).isEqualTo("d already exists");
        assertThat(Main.badInput(new FileSystemLoopException("l"))).isEqualTo("l: a loop of symbolic links");
        assertThat(Main.badInput(new FileSystemException("dir", null, "Is a directory")))
                .isEqualTo("dir: Is a directory");
        assertThat(Main.badInput(new FileSystemException("out.csv", null, "No space left on device")))
                .isEqualTo("out.csv: No space left on device");
        assertThat(Main.badInput(new MalformedInputException(1))).contains("not UTF-8 text");
        assertThat(Main.badInput(new UnmappableCharacterException(1))).contains("not UTF-8 text");
    }

    @Test
    void everythingElseIsInternal() {
        assertThat(Main.badInput(new IllegalStateException("bug"))).isNull();
        assertThat(Main.badInput(new NullPointerException())).isNull();
        assertThat(Main.badInput(new IOException("stream closed"))).isNull();
    }
}
