package dev.amortizer.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.fuzz.ByteMutator;
import dev.amortizer.fuzz.FuzzHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV and CSV.gz readers on about three seconds of mutated files: only IllegalArgumentException escapes, no
 * call allocates more than {@value #ALLOCATION_CAP} bytes (inputs reach a few hundred kB; the reader's own
 * buffers and one capped cell are what it may hold), and nothing is deserialized.
 */
class SamplesCsvFuzzTest {
    /** 64 MiB per read. */
    static final long ALLOCATION_CAP = 64L << 20;

    @TempDir
    Path dir;

    private static final List<byte[]> SEEDS = List.of(
            ascii("parameter_1,parameter_2\n0.5,-1.25\n1e-3,2.5\n-0.8176656,4.0\n"),
            ascii("data_1,data_2,data_3,data_4,data_5,data_6,data_7,data_8,data_9,data_10\n"
                    + "0.0,1.0,352.0,40.0,3.0,0.0,0.0,0.0,0.0,0.0\n"),
            ascii("$\\beta$,$\\gamma$\n0.5,0.125\n0.6,0.13\n0.61,0.129\n"));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainCsvReadersLetOnlyBadInputErrorsEscape() {
        Path file = dir.resolve("fuzz.csv");
        ExpectedColumns observation = ExpectedColumns.data(Samples.defaultNames("data", 10));
        var report = FuzzHarness.run("csv", SEEDS, 1, Duration.ofMillis(1200), ALLOCATION_CAP,
                Set.of(NoSuchFileException.class), input -> {
                    Files.write(file, input);
                    Samples s = SamplesCsv.read(file, false);
                    assertThat(s.size() * (long) s.dim()).isLessThanOrEqualTo(SamplesCsv.maxValues());
                    SamplesCsv.read(file);
                    SamplesCsv.readSingleRow(file, observation);
                });
        assertThat(report.cases()).isGreaterThanOrEqualTo(20);
        assertThat(report.refused()).isPositive();
    }

    @Test
    void gzipReadersSurviveCorruptStreamsAndMutatedContents() {
        Path file = dir.resolve("fuzz.csv.gz");
        List<byte[]> compressed = SEEDS.stream().map(ByteMutator::gzip).toList();
        // Corrupt compressed bytes: bit flips, truncation and junk in the deflate stream and its trailer.
        var corrupt = FuzzHarness.run("csv.gz (stream)", compressed, 2, Duration.ofMillis(800), ALLOCATION_CAP,
                Set.of(), input -> {
                    Files.write(file, input);
                    SamplesCsv.read(file);
                });
        // Well-formed gzip of mutated contents, including long runs that compress to almost nothing.
        var contents = FuzzHarness.run("csv.gz (contents)", SEEDS, 3, Duration.ofMillis(800), ALLOCATION_CAP,
                Set.of(), input -> {
                    Files.write(file, ByteMutator.gzip(input));
                    SamplesCsv.read(file, false);
                });
        assertThat(corrupt.refused()).isPositive();
        assertThat(contents.cases()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theMutatorIsDeterministic() {
        byte[] a = new ByteMutator(42).mutate(SEEDS.get(0));
        byte[] b = new ByteMutator(42).mutate(SEEDS.get(0));
        assertThat(a).isEqualTo(b);
        assertThat(new ByteMutator(43).mutate(SEEDS.get(0))).isNotEqualTo(a);
    }
}
