package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * The exact posterior of a task whose unconstrained posterior is easy to draw but whose prior is a box: draws from
 * the unconstrained one, those outside the prior's support rejected. An observation that leaves almost no mass inside
 * (over 1000 rejections per draw) is refused rather than sampled for hours.
 *
 * <p>{@code new PriorBoxRejectionPosterior(task, (x, rng) -> draw(x, rng), "is too far outside the prior box")}
 */
final class PriorBoxRejectionPosterior implements Posterior {
    private final Task task;
    private final BiFunction<double[], Rng, double[]> unconstrained;
    private final String refusal;

    /** {@code refusal} ends the message refusing an observation: "reference: observation [x] " + refusal. */
    PriorBoxRejectionPosterior(Task task, BiFunction<double[], Rng, double[]> unconstrained, String refusal) {
        this.task = task;
        this.unconstrained = unconstrained;
        this.refusal = refusal;
    }

    @Override
    public int parameterDim() {
        return task.parameterDim();
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        task.checkObservation(x);
        double[][] rows = new double[n][];
        int kept = 0;
        long tries = 0;
        while (kept < n) {
            double[] theta = unconstrained.apply(x, rng);
            if (task.prior().support().contains(theta)) {
                rows[kept++] = theta;
            } else if (++tries > 1000L * n + 100_000) {
                throw new IllegalArgumentException(task.name() + " reference: observation " + Arrays.toString(x)
                        + " " + refusal);
            }
        }
        return Samples.of(task.parameterNames(), rows);
    }
}
