package dev.amortizer.models.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalLikelihoodTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void python() {
        Scripts.requirePython();
    }

    private ExternalLikelihood likelihood(String body) throws Exception {
        Scripts.write(dir, body, "log_likelihood");
        return new ExternalLikelihood(Scripts.command(dir, 10, 1, 2, ExternalCommand.OnFailure.FAIL), List.of("a"),
                List.of("x"));
    }

    @Test
    void answersFromConcurrentThreadsEachTheirOwnValue() throws Exception {
        try (var ll = likelihood("return [-(t[1] - t[0]) ** 2]")) {
            var pool = Executors.newFixedThreadPool(4);
            try {
                List<Double> values = pool.submit(() -> IntStream.range(0, 200).parallel()
                        .mapToObj(i -> ll.logLikelihood(new double[] {i}, new double[] {i + 0.5})).toList()).get();
                assertThat(values).containsOnly(-0.25);
            } finally {
                pool.shutdown();
            }
            assertThat(ll.logLikelihood(new double[] {1}, new double[] {4})).isEqualTo(-9);
        }
    }

    @Test
    void minusInfinityIsAnAnswerButNaNAndACrashAreClearErrors() throws Exception {
        try (var ll = likelihood("""
                if t[0] < 0:
                    return [float('-inf')]
                if t[0] == 1:
                    return [float('nan')]
                if t[0] == 2:
                    sys.exit('no likelihood at a=2')
                return [0.0]""")) {
            assertThat(ll.logLikelihood(new double[] {-1}, new double[] {0})).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThatThrownBy(() -> ll.logLikelihood(new double[] {1}, new double[] {0}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("likelihood command 'python3 sim.py'")
                    .hasMessageContaining("the answer is NaN");
            assertThatThrownBy(() -> ll.logLikelihood(new double[] {2}, new double[] {0}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("crashed")
                    .hasMessageContaining("no likelihood at a=2");
            assertThat(ll.logLikelihood(new double[] {3}, new double[] {0})).isZero(); // a new process took over
        }
    }
}
