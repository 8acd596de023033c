package dev.amortizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void filesAreReadInSbibmLayoutAndCheckedAgainstTheirSha256() throws IOException {
        Path folder = dir.resolve("toy/num_observation_1");
        Files.createDirectories(folder);
        Path obs = folder.resolve("observation.csv.gz");
        SamplesCsv.write(Samples.of(List.of("data_1", "data_2"), new double[][] {{0.5, -1.5}}), obs);
        String sum = Datasets.sha256(obs);
        Files.writeString(dir.resolve("toy").resolve("MADE_BY.md"), "| k | seed | file | sha256 |\n|---|---:|---|---|\n"
                + "| 1 | 1000000 | num_observation_1/observation.csv.gz | " + sum + " |\n");
        SbibmData data = new SbibmData(dir);
        assertThat(Datasets.verify(data, "toy")).isEqualTo(1);
        assertThat(data.observation("toy", 1)).containsExactly(0.5, -1.5);
        SamplesCsv.write(Samples.of(List.of("data_1", "data_2"), new double[][] {{0.5, -1.25}}), obs);
        assertThatThrownBy(() -> Datasets.verify(data, "toy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("observation.csv.gz").hasMessageContaining(sum);
        assertThatThrownBy(() -> Datasets.verify(data, "none")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MADE_BY.md");
    }

    @Test
    void theProjectsOwnDatasetsMatchTheirChecksums() throws IOException {
        SbibmData data = TestData.datasets();
        List<Path> tasks;
        try (var listing = Files.list(data.root())) {
            tasks = listing.filter(d -> Files.isRegularFile(d.resolve("MADE_BY.md"))).toList();
        }
        for (Path task : tasks) {
            String name = task.getFileName().toString();
            assertThat(Datasets.verify(data, name)).as(name).isEqualTo(30);
            assertThat(data.reference(name, 1).size()).as(name).isEqualTo(10_000);
        }
    }

    @Test
    void checksumsStreamAndAnOversizedManifestIsRefused() throws IOException {
        Path big = dir.resolve("big.bin");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(32L << 20); // sparse: 32 MiB of zeros
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        String sum = Datasets.sha256(big);
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated to hash 32 MiB")
                .isLessThan(4L << 20);
        assertThat(sum).isEqualTo("83ee47245398adee79bd9c0a8bc57b821e92aba10f5f9ade8a5d1fae4d8c4302");
        Files.createDirectories(dir.resolve("toy"));
        try (var f = new java.io.RandomAccessFile(dir.resolve("toy/MADE_BY.md").toFile(), "rw")) {
            f.setLength(Datasets.MAX_MADE_BY_BYTES + 1);
        }
        assertThatThrownBy(() -> Datasets.verify(new SbibmData(dir), "toy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MADE_BY.md is larger than");
    }
}
