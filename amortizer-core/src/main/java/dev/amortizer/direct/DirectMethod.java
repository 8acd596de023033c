package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.List;

/**
 * An anytime direct inference method: one run for one observation x_o advances through an
 * increasing ladder of budgets b₁ < b₂ < … and, on reaching each, reports its best current
 * answer to p(θ | x_o). Answer j has spent exactly b_j (in {@link #unit()}) and its cost counts
 * all the run's work up to b_j plus the building of answer j itself, but not the building of
 * answers 1 … j − 1: it is what a run stopped at b_j would have cost. So counts never decrease from
 * one answer to the next, and times normally do not either, but they can dip where building an
 * earlier answer took longer than the run's progress between the two (a cold JIT, say).
 * Implementations are immutable: several threads may run one, each with its own {@link Rng}.
 *
 * <p>{@code List<AnytimeAnswer> profile = method.run(task, xObs, method.defaultBudgets(), 10_000, Rng.seeded(1));}
 */
public interface DirectMethod {
    /** The method's name, as in the command line's {@code --method}. */
    String name();

    /** What the budgets count. */
    BudgetUnit unit();

    /** The smallest budget {@link #run} accepts: 1 unless the method needs more to run at all. */
    default long minimumBudget() {
        return 1;
    }

    /** A strictly increasing ladder of budgets suited to the method (a fresh copy). */
    long[] defaultBudgets();

    /**
     * Runs once for {@code observation}, reporting an answer at each budget.
     *
     * @param task        the inference problem
     * @param observation x_o, checked by {@link Task#checkObservation(double[])}
     * @param budgets     strictly increasing, all > 0
     * @param numSamples  draws per answer, > 0
     * @param rng         the run's only source of randomness: the same seed gives the same answers
     * @return one answer per budget, in order, each with exactly {@code numSamples} rows
     *     ({@link Samples}) named by {@link Task#parameterNames()}
     * @throws IllegalArgumentException for bad arguments, or a task the method cannot handle
     *     (naming the task and why)
     */
    List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng);
}
