package dev.amortizer.training.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.EpochPass;
import dev.amortizer.training.EpochProgress;
import dev.amortizer.training.InvalidSimulations;
import dev.amortizer.training.Learner;
import dev.amortizer.training.Standardization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one pass standardises as the in-memory fit does; epochs visit every training row once, in a seeded order. */
class StreamedPairsTest {
    @TempDir
    Path dir;

    @Test
    void standardisationEqualsTheInMemoryFitOnTheSameRows() throws IOException {
        double[][][] p = ChunkedPairsTest.pairs(2_500, 2, 3, 4);
        p[1][17][1] = Double.NaN;
        p[1][1_800][0] = Double.POSITIVE_INFINITY;
        HeldOutRule rule = new HeldOutRule(9, 0.1);
        StreamedPairs s = StreamedPairs.prepare(ChunkedPairsTest.write(dir, p[0], p[1], 300), rule,
                InvalidSimulations.DROP, UnaryOperator.identity());
        int[] training = IntStream.range(0, 2_500).filter(i -> i != 17 && i != 1_800 && !rule.heldOut(i)).toArray();
        Standardization expected = Standardization.fit(p[0], p[1], training);
        Standardization actual = s.standardization();
        assertClose(actual.thetaMean(), expected.thetaMean());
        assertClose(actual.thetaSd(), expected.thetaSd());
        assertClose(actual.xMean(), expected.xMean());
        assertClose(actual.xSd(), expected.xSd());
        assertThat(s.dropped()).isEqualTo(2);
        assertThat(s.trainingRows()).isEqualTo(training.length);
        assertThat(s.heldRows()).isEqualTo(2_498 - training.length).isBetween(180, 320);
        int firstHeld = IntStream.range(0, 2_500).filter(rule::heldOut).findFirst().orElseThrow();
        assertThat(s.heldX()[0]).isCloseTo((p[1][firstHeld][0] - expected.xMean()[0]) / expected.xSd()[0],
                within(1e-12));
    }

    @Test
    void theFailPolicyRefusesANonFinitePair() throws IOException {
        double[][][] p = ChunkedPairsTest.pairs(100, 1, 2, 5);
        p[1][42][0] = Double.NaN;
        ChunkedPairs store = ChunkedPairsTest.write(dir, p[0], p[1], 30);
        assertThatThrownBy(() -> StreamedPairs.prepare(store, new HeldOutRule(1, 0.1), InvalidSimulations.FAIL,
                UnaryOperator.identity())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pair 43 of 100");
    }

    @Test
    void anEpochVisitsEveryTrainingRowOnceInAnOrderFixedByTheSeed() throws IOException {
        int n = 1_000;
        double[][][] p = ChunkedPairsTest.pairs(n, 1, 1, 6);
        for (int i = 0; i < n; i++) {
            p[0][i][0] = i; // θ names the row
        }
        StreamedPairs s = StreamedPairs.prepare(ChunkedPairsTest.write(dir, p[0], p[1], 64),
                new HeldOutRule(3, 0.1), InvalidSimulations.DROP, UnaryOperator.identity());
        List<Integer> first = epoch(s, 5);
        assertThat(epoch(s, 5)).isEqualTo(first);
        assertThat(epoch(s, 6)).isNotEqualTo(first);
        assertThat(first).doesNotHaveDuplicates().hasSize((int) s.trainingRows());
        assertThat(first.subList(0, 64)).isNotEqualTo(first.subList(0, 64).stream().sorted().toList());
    }

    @Test
    void aPassInTheChunksOrderGivesEveryTrainingRowOnceAsStoredAndAgainTheSame() throws IOException {
        int n = 1_000;
        double[][][] p = ChunkedPairsTest.pairs(n, 1, 1, 7);
        for (int i = 0; i < n; i++) {
            p[0][i][0] = i;
        }
        HeldOutRule rule = new HeldOutRule(4, 0.1);
        StreamedPairs s = StreamedPairs.prepare(ChunkedPairsTest.write(dir, p[0], p[1], 64), rule,
                InvalidSimulations.DROP, UnaryOperator.identity());
        List<Integer> first = inChunkOrder(s);
        assertThat(first).isEqualTo(IntStream.range(0, n).filter(i -> !rule.heldOut(i)).boxed().toList());
        assertThat(inChunkOrder(s)).isEqualTo(first);
    }

    /** The rows (by their θ, unstandardised) one pass in the chunks' order gives, at most a chunk at a time. */
    private static List<Integer> inChunkOrder(StreamedPairs s) {
        List<Integer> seen = new ArrayList<>();
        Standardization st = s.standardization();
        s.forEachChunk((theta, x, rows) -> {
            assertThat(rows).isLessThanOrEqualTo(64);
            for (int r = 0; r < rows; r++) {
                seen.add((int) Math.round(st.thetaMean()[0] + st.thetaSd()[0] * theta[r]));
            }
        });
        return seen;
    }

    /** The rows (by their θ, unstandardised) one epoch steps on, in order. */
    private static List<Integer> epoch(StreamedPairs s, long seed) {
        List<Integer> seen = new ArrayList<>();
        Standardization st = s.standardization();
        double[][] window = new double[1][];
        EpochPass pass = s.pass(3, (theta, x, rows) -> window[0] = theta);
        pass.run(new Recorder(window, st, seen), 50, Rng.seeded(seed));
        return seen;
    }

    private static void assertClose(double[] actual, double[] expected) {
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual[j]).isCloseTo(expected[j], within(1e-12 * Math.max(1, Math.abs(expected[j]))));
        }
    }

    /** A learner that only records which rows each step saw. */
    private record Recorder(double[][] window, Standardization st, List<Integer> seen) implements Learner {
        @Override
        public void step(int[] order, int from, int to, Rng stepRng) {
            for (int k = from; k < to; k++) {
                seen.add((int) Math.round(st.thetaMean()[0] + st.thetaSd()[0] * window[0][order[k]]));
            }
        }

        @Override
        public double validationLoss() {
            return 0;
        }

        @Override
        public void keepBest() {
        }

        @Override
        public void restoreBest() {
        }

        @Override
        public double learningRate() {
            return 0;
        }

        @Override
        public void setLearningRate(double rate) {
        }

        @Override
        public void save(Checkpoint checkpoint, EpochProgress progress) {
        }

        @Override
        public EpochProgress resume(Checkpoint checkpoint) {
            return null;
        }
    }
}
