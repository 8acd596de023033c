package dev.amortizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chunk size streaming picks by itself: 10,000 rows unless four chunks, thrice, pass a quarter of the heap. */
class StreamedTrainTest {
    @Test
    void narrowRowsTakeTheDefaultChunkAndLongSeriesFewerRows() {
        assertThat(StreamedTrain.automaticChunk(4, 400L << 20)).as("two_moons' θ and x").isEqualTo(10_000);
        // 1 GiB / 4 over 3 copies × 4 chunks × 1,003 values × 8 bytes: 2,787.9 rows
        assertThat(StreamedTrain.automaticChunk(1_003, 1L << 30)).as("noisy_signal_1000").isEqualTo(2_787);
        assertThat(StreamedTrain.automaticChunk(10_000_000, 1L << 20)).as("at least one row").isEqualTo(1);
    }
}
