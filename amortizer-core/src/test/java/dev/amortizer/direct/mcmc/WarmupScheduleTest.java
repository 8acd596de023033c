package dev.amortizer.direct.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupScheduleTest {
    @Test
    void stansDefaultThousandIterationsHaveWindowsOf25Doubling() {
        WarmupSchedule schedule = new WarmupSchedule(1000);
        assertThat(windowEnds(schedule)).containsExactly(99, 149, 249, 449, 949);
        assertThat(schedule.inSlowWindow(74)).isFalse();
        assertThat(schedule.inSlowWindow(75)).isTrue();
        assertThat(schedule.inSlowWindow(949)).isTrue();
        assertThat(schedule.inSlowWindow(950)).isFalse();
    }

    @Test
    void aShortWarmupUsesProportionalBuffersAndOneWindow() {
        WarmupSchedule schedule = new WarmupSchedule(100);
        assertThat(windowEnds(schedule)).containsExactly(89);
        assertThat(schedule.inSlowWindow(14)).isFalse();
        assertThat(schedule.inSlowWindow(15)).isTrue();
    }

    @Test
    void tooShortAWarmupIsRejected() {
        assertThatThrownBy(() -> new WarmupSchedule(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmup is 10");
    }

    @Test
    void dualAveragingFindsTheStepSizeThatMeetsTheTarget() {
        // a toy whose acceptance statistic is exp(-eps): the target 0.8 is met at eps = -ln 0.8
        DualAveraging adaptation = new DualAveraging(0.8, 1);
        double eps = 1;
        for (int i = 0; i < 2000; i++) {
            eps = adaptation.update(Math.exp(-eps));
        }
        assertThat(adaptation.finalStepSize()).isCloseTo(-Math.log(0.8), within(0.01));
        assertThatThrownBy(() -> new DualAveraging(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetAcceptance is 1.0");
    }

    private static List<Integer> windowEnds(WarmupSchedule schedule) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < schedule.warmup(); i++) {
            if (schedule.endsWindow(i)) {
                ends.add(i);
            }
        }
        return ends;
    }
}
