package dev.amortizer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** AUTO's timed choice per shape, on a fake clock that each path advances by its own cost. */
class ShapeChoiceTest {
    private static final int TRIAL_CALLS = 2 * (ShapeChoice.SKIPPED + ShapeChoice.TIMED);

    /** Runs {@code calls} products; java costs {@code javaNanos} on the clock, nd4j {@code nd4jNanos}. */
    private static List<String> run(ShapeChoice choice, int calls, long javaNanos, long nd4jNanos) {
        long[] now = {0};
        Supplier<String> java = () -> {
            now[0] += javaNanos;
            return "java";
        };
        Supplier<String> nd4j = () -> {
            now[0] += nd4jNanos;
            return "nd4j";
        };
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            paths.add(choice.run(java, nd4j, () -> now[0]));
        }
        return paths;
    }

    @Test
    void theTrialAlternatesThenTheFasterPathTakesEveryLaterCall() {
        ShapeChoice choice = new ShapeChoice();
        List<String> paths = run(choice, TRIAL_CALLS + 20, 100, 60);
        for (int i = 0; i < TRIAL_CALLS; i++) {
            assertThat(paths.get(i)).isEqualTo(i % 2 == 0 ? "java" : "nd4j");
        }
        assertThat(paths.subList(TRIAL_CALLS, paths.size())).containsOnly("nd4j");
        assertThat(choice.chosenNd4j()).isTrue();

        ShapeChoice other = new ShapeChoice();
        assertThat(run(other, TRIAL_CALLS + 5, 60, 100).subList(TRIAL_CALLS, TRIAL_CALLS + 5)).containsOnly("java");
        assertThat(other.chosenNd4j()).isFalse();
    }

    @Test
    void noChoiceBeforeEveryTimedCallIsIn() {
        ShapeChoice choice = new ShapeChoice();
        run(choice, TRIAL_CALLS - 1, 100, 60);
        assertThat(choice.chosenNd4j()).isNull();
        run(choice, 1, 100, 60);
        assertThat(choice.chosenNd4j()).isTrue();
    }

    @Test
    void theMedianDecidesSoThatOneSlowCallDoesNot() {
        ShapeChoice choice = new ShapeChoice();
        for (int i = 0; i < ShapeChoice.TIMED; i++) {
            choice.record(false, i == 0 ? 10_000 : 100);
            choice.record(true, 120);
        }
        assertThat(choice.chosenNd4j()).isFalse();
    }

    @Test
    void eachShapeAndDirectionHasItsOwnChoice() {
        ShapeChoice.reset();
        assertThat(ShapeChoice.of(false, 512, 256, 256)).isSameAs(ShapeChoice.of(false, 512, 256, 256))
                .isNotSameAs(ShapeChoice.of(true, 512, 256, 256)).isNotSameAs(ShapeChoice.of(false, 256, 256, 256))
                .isNotSameAs(ShapeChoice.of(false, 512, 256, 255));
        ShapeChoice.reset();
    }
}
