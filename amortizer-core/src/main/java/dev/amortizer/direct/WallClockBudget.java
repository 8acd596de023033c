package dev.amortizer.direct;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A wall-time budget for any {@link DirectMethod}: runs the method at a growing ladder of its own budgets b, 4b, 16b,
 * … (each a separate run from a split generator, as the benchmark does) and returns the answer of the largest rung
 * that finished within the time allowed. Before each rung the time it would take is predicted from the previous one
 * (time grows at most in proportion to the budget), and the ladder stops when the prediction overshoots; so the
 * answer is the method's best within the limit, and the total time stays within the limit plus the first rung.
 *
 * <p>{@code AnytimeAnswer a = WallClockBudget.answerWithin(method, task, x, 2.0, 10_000, Rng.seeded(1));}
 */
public final class WallClockBudget {
    /** Each rung spends this many times the previous one. */
    static final int GROWTH = 4;

    private WallClockBudget() {
    }

    /** The best answer of {@code method} within {@code seconds} of wall time, starting at its smallest budget. */
    public static AnytimeAnswer answerWithin(DirectMethod method, Task task, double[] observation, double seconds,
                                             int numSamples, Rng rng) {
        return answerWithin(method, task, observation, seconds, numSamples, rng, System::nanoTime);
    }

    static AnytimeAnswer answerWithin(DirectMethod method, Task task, double[] observation, double seconds,
                                      int numSamples, Rng rng, LongSupplier nanoClock) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("the wall-time budget must be a finite number of seconds > 0, got "
                    + seconds);
        }
        long budget = method.defaultBudgets()[0];
        long start = nanoClock.getAsLong();
        AnytimeAnswer best = null;
        double last = 0;
        while (true) {
            double elapsed = (nanoClock.getAsLong() - start) / 1e9;
            if (best != null && elapsed + last * GROWTH > seconds) {
                return best;
            }
            long t0 = nanoClock.getAsLong();
            List<AnytimeAnswer> answers = method.run(task, observation, new long[] {budget}, numSamples, rng.split());
            last = (nanoClock.getAsLong() - t0) / 1e9;
            best = answers.get(answers.size() - 1);
            if (budget > Long.MAX_VALUE / GROWTH) {
                return best;
            }
            budget *= GROWTH;
        }
    }
}
