package dev.amortizer.amortiser;

import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.Optional;

/**
 * A task whose log-likelihood is a learned surrogate (NLE's flow, NRE's log-ratio): the direct samplers then run on
 * log p(θ) + surrogate(θ, x_o) as they would on an analytic likelihood.
 */
final class LearnedLikelihoodTask extends ForwardingTask {
    private final LogLikelihood learned;

    LearnedLikelihoodTask(Task task, LogLikelihood learned) {
        super(task);
        this.learned = learned;
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(learned);
    }
}
