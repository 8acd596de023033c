package dev.amortizer.cli;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.stream.StreamedPairs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code train --stream-chunk ROWS}: NPE on simulations streamed from disk ({@link DefaultNpe#trainStreamed}: one
 * estimator, or each of the default's candidates in turn over the same chunks), NLE's likelihood flow or NRE's
 * classifier ({@code Nle.trainStreamed}, {@code Nre.trainStreamed}), the chunks in a temporary folder beside the model
 * file (where the user chose to have room), deleted when training ends.
 */
final class StreamedTrain {
    /** Rows per chunk when streaming is chosen because the simulations do not fit, unless rows are too wide. */
    static final int DEFAULT_CHUNK = 10_000;

    private StreamedTrain() {
    }

    /**
     * Rows per chunk when streaming is chosen by itself: {@link #DEFAULT_CHUNK}, fewer where a window of chunks (held
     * three times: as read, standardised and as the network's rows) of {@code columns} values a row would take more
     * than a quarter of {@code heapBytes} (long series).
     */
    static int automaticChunk(int columns, long heapBytes) {
        double windowRowBytes = 3.0 * StreamedPairs.WINDOW_CHUNKS * columns * 8;
        return (int) Math.max(1, Math.min(DEFAULT_CHUNK, Math.floor(heapBytes / 4.0 / windowRowBytes)));
    }

    /** Trains from a folder of chunks: {@code npe.trainStreamed}, {@code nle.trainStreamed}, ... */
    @FunctionalInterface
    interface ChunkedTraining<P> {
        P train(Path chunks) throws IOException;
    }

    static NpePosterior run(DefaultNpe npe, Task task, int n, int chunkRows, Path out, Rng rng, CostMeter meter)
            throws IOException {
        return run(out, chunks -> npe.trainStreamed(task, n, chunkRows, chunks, rng, meter));
    }

    /** {@code training} on a temporary folder beside {@code out}, deleted when it ends. */
    static <P> P run(Path out, ChunkedTraining<P> training) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Path chunks = Files.createTempDirectory(parent, ".amortizer-chunks-");
        try {
            return training.train(chunks);
        } finally {
            delete(chunks);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            });
        }
    }
}
