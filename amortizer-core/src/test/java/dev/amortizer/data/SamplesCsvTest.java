package dev.amortizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesCsvTest {
    @TempDir
    Path dir;

    private final Samples samples = Samples.of(List.of("a", "b"), new double[][] {{1.5, -2}, {0.1, 3e-7}, {-0.8176656, 4}});

    @Test
    void roundTripsPlainAndGzipExactly() throws IOException {
        for (String name : List.of("s.csv", "s.csv.gz")) {
            Path f = dir.resolve(name);
            SamplesCsv.write(samples, f);
            Samples back = SamplesCsv.read(f);
            assertThat(back.names()).containsExactly("a", "b");
            assertThat(back.toArray()).isDeepEqualTo(samples.toArray());
        }
        assertThat(Files.readString(dir.resolve("s.csv"))).startsWith("a,b\n1.5,-2.0\n");
    }

    @Test
    void readsSbibmStyleGzipWithLatexHeaders() throws IOException {
        Path f = dir.resolve("ref.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("$\\beta$,$\\gamma$\n0.5,0.125\n0.6,0.13\n".getBytes(StandardCharsets.UTF_8));
        }
        Samples s = SamplesCsv.read(f);
        assertThat(s.names()).containsExactly("$\\beta$", "$\\gamma$");
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.get(1, 1)).isEqualTo(0.13);
    }

    @Test
    void namesFileRowAndColumnOfBadValues() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b\n1,2\n3,oops\n");
        assertThatThrownBy(() -> SamplesCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("row 3").hasMessageContaining("column 2")
                .hasMessageContaining("oops");
        Files.writeString(f, "a,b\n1,2,3\n");
        assertThatThrownBy(() -> SamplesCsv.read(f)).hasMessageContaining("row 2").hasMessageContaining("3 columns, expected 2");
        Files.writeString(f, "a,b\n1,NaN\n");
        assertThatThrownBy(() -> SamplesCsv.read(f)).hasMessageContaining("not finite");
        assertThat(SamplesCsv.read(f, false).get(0, 1)).isNaN();
        Files.writeString(f, "");
        assertThatThrownBy(() -> SamplesCsv.read(f)).hasMessageContaining("empty file");
    }

    @Test
    void rejectsMissingAndCorruptFiles() throws IOException {
        assertThatThrownBy(() -> SamplesCsv.read(dir.resolve("nope.csv"))).isInstanceOf(NoSuchFileException.class);
        Path gz = dir.resolve("fake.csv.gz");
        Files.writeString(gz, "a,b\n1,2\n");
        assertThatThrownBy(() -> SamplesCsv.read(gz)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gzip");
    }

    @Test
    void singleRowReaderChecksRowCountAndWidth() throws IOException {
        Path f = dir.resolve("obs.csv");
        SamplesCsv.write(samples, f);
        assertThatThrownBy(() -> SamplesCsv.readSingleRow(f, 2)).hasMessageContaining("exactly 1 data row, found 3");
        SamplesCsv.write(samples.head(1), f);
        assertThat(SamplesCsv.readSingleRow(f, 2)).containsExactly(1.5, -2);
        assertThatThrownBy(() -> SamplesCsv.readSingleRow(f, 5)).hasMessageContaining("2 columns, expected 5");
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("out.csv");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
