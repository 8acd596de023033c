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
        assertThatThrownBy(() -> SamplesCsv.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a folder");
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

    @Test
    void aHugeHeaderIsRefusedBeforeItsColumnsAreAllocated() throws IOException {
        // 250,000 columns of "c" + index: 1.7 MB of header. Before, this allocated 1024 rows × 250,000 doubles.
        Path f = dir.resolve("wide.csv");
        StringBuilder header = new StringBuilder("c0");
        for (int j = 1; j < 250_000; j++) {
            header.append(",c").append(j);
        }
        Files.writeString(f, header + "\n");
        assertThatThrownBy(() -> SamplesCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wide.csv").hasMessageContaining("row 1")
                .hasMessageContaining("more than " + SamplesCsv.MAX_COLUMNS + " columns");
        // Where the caller knows the dimension, that is the cap.
        Files.writeString(f, "data_1,data_2,data_3\n1,2,3\n");
        assertThatThrownBy(() -> SamplesCsv.read(f, ExpectedColumns.data(List.of("data_1", "data_2"))))
                .hasMessageContaining("has 3 columns, expected 2 (data_1,data_2)");
    }

    @Test
    void aHugeCellIsRefusedAndNotEchoedInFull() throws IOException {
        Path f = dir.resolve("cell.csv");
        Files.writeString(f, "a,b\n1," + "9".repeat(5_000_000) + "\n");
        assertThatThrownBy(() -> SamplesCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2, column 2").hasMessageContaining("longer than " + SamplesCsv.MAX_CELL_CHARS)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        Files.writeString(f, "a,b\n1,\u001b[2J" + "z".repeat(500) + "\n");
        assertThatThrownBy(() -> SamplesCsv.read(f)).hasMessageContaining("not a number")
                .hasMessageContaining("(504 characters)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(300));
    }

    @Test
    void aGzipBombOfOneEndlessLineStaysBounded() throws IOException {
        // 200 MB of commas compress to about 200 kB; reading must fail on the column cap, not run out of memory.
        Path f = dir.resolve("bomb.csv.gz");
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) ',');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a\n1".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 200; i++) {
                out.write(block);
            }
        }
        assertThatThrownBy(() -> SamplesCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bomb.csv.gz, row 2").hasMessageContaining("columns");
    }

    @Test
    void aGzipBombOfEmptyLinesStopsEarly() throws IOException {
        Path f = dir.resolve("newlines.csv.gz");
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) '\n');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a\n1\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                out.write(block);
            }
        }
        assertThatThrownBy(() -> SamplesCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 10003: more than 10000 empty lines");
        Path wide = dir.resolve("headerless.csv");
        Files.writeString(wide, "1,2,3,4\n");
        assertThatThrownBy(() -> SamplesCsv.readSingleRow(wide, 2)).hasMessageContaining("header row is missing")
                .hasMessageContaining("data_1,data_2,data_3,...");
    }

    @Test
    void valuesPastTheMemoryCapAreRefusedBeforeAllocation() {
        assertThat(SamplesCsv.maxValues()).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 4 / Double.BYTES);
        Path f = dir.resolve("rows.csv");
        // Growth doubles up to the cap, and past it fails naming the file and row instead of allocating.
        assertThat(SamplesCsv.grow(f, 9, new double[1024], 1025, 1_500)).hasSize(1_500);
        assertThatThrownBy(() -> SamplesCsv.grow(f, 9, new double[1_500], 1_501, 1_500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows.csv, row 9")
                .hasMessageContaining("more than 1500 values (rows × columns)").hasMessageContaining("-Xmx");
    }

    @Test
    void nonUtf8AndCorruptGzipAreBadInput() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'a', ',', (byte) 0xE9, '\n', '1', ',', '2', '\n'});
        assertThatThrownBy(() -> SamplesCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latin1.csv, row 1").hasMessageContaining("not UTF-8");
        Path gz = dir.resolve("cut.csv.gz");
        SamplesCsv.write(samples, gz);
        byte[] bytes = Files.readAllBytes(gz);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(gz, bytes);
        assertThatThrownBy(() -> SamplesCsv.read(gz)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut.csv.gz");
    }

    @Test
    void aMissingHeaderIsNamedAsSuch() throws IOException {
        Path f = dir.resolve("obs.csv");
        Files.writeString(f, "0.5,-1.5\n");
        assertThatThrownBy(() -> SamplesCsv.readSingleRow(f, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header row is missing").hasMessageContaining("data_1,data_2")
                .hasMessageNotContaining("found 0");
    }

    @Test
    void headerNamesAreCheckedNotJustCounted() throws IOException {
        Path f = dir.resolve("obs.csv");
        ExpectedColumns theirs = ExpectedColumns.data(List.of("drawdown_1", "drawdown_2"));
        Files.writeString(f, "data_2,data_1\n0.5,-1.5\n");
        assertThatThrownBy(() -> SamplesCsv.readSingleRow(f, theirs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another order").hasMessageContaining("data_2,data_1")
                .hasMessageContaining("data_1,data_2");
        Files.writeString(f, "drawdown_1,speed\n0.5,-1.5\n");
        assertThatThrownBy(() -> SamplesCsv.readSingleRow(f, theirs))
                .hasMessageContaining("row 1 (header), column 2: 'speed', expected 'drawdown_2' or 'data_2'");
        Files.writeString(f, "a,a\n0.5,-1.5\n");
        assertThatThrownBy(() -> SamplesCsv.read(f)).hasMessageContaining("column 2").hasMessageContaining("earlier");
        for (String header : List.of("data_1,data_2", "drawdown_1,drawdown_2", "\uFEFFdata_1,data_2")) {
            Files.writeString(f, header + "\r\n0.5,-1.5\r\n");
            assertThat(SamplesCsv.readSingleRow(f, theirs)).containsExactly(0.5, -1.5);
        }
    }

    @Test
    void aSingleRowFileWithManyRowsStopsCounting() throws IOException {
        Path f = dir.resolve("many.csv");
        Files.writeString(f, "a\n" + "1\n".repeat(5_000));
        assertThatThrownBy(() -> SamplesCsv.readSingleRow(f, 1)).hasMessageContaining("exactly 1 data row, found more than");
    }
}
