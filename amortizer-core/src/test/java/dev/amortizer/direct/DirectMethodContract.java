package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;

/** Properties every {@link DirectMethod} must have, checked the same way for each. */
final class DirectMethodContract {
    private DirectMethodContract() {
    }

    /** The same seed gives identical draws and diagnostics at every budget; another seed gives other draws. */
    static void assertSameSeedSameAnswers(DirectMethod method, Task task, double[] observation, long[] budgets) {
        List<AnytimeAnswer> first = method.run(task, observation, budgets, 500, Rng.seeded(7));
        List<AnytimeAnswer> again = method.run(task, observation, budgets, 500, Rng.seeded(7));
        List<AnytimeAnswer> other = method.run(task, observation, budgets, 500, Rng.seeded(8));

        for (int i = 0; i < budgets.length; i++) {
            assertThat(again.get(i).samples().toArray()).isDeepEqualTo(first.get(i).samples().toArray());
            assertThat(again.get(i).diagnostics()).isEqualTo(first.get(i).diagnostics());
            assertThat(other.get(i).samples().toArray()).isNotEqualTo(first.get(i).samples().toArray());
        }
    }
}
