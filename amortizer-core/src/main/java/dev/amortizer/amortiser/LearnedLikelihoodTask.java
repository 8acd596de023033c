package dev.amortizer.amortiser;

import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * A task whose log-likelihood is a learned surrogate (NLE's flow, NRE's log-ratio): the direct samplers then run on
 * log p(θ) + surrogate(θ, x_o) as they would on an analytic likelihood.
 */
final class LearnedLikelihoodTask implements Task {
    private final Task task;
    private final LogLikelihood learned;

    LearnedLikelihoodTask(Task task, LogLikelihood learned) {
        this.task = task;
        this.learned = learned;
    }

    @Override
    public String name() {
        return task.name();
    }

    @Override
    public Prior prior() {
        return task.prior();
    }

    @Override
    public Simulator simulator() {
        return task.simulator();
    }

    @Override
    public List<String> parameterNames() {
        return task.parameterNames();
    }

    @Override
    public List<String> dataNames() {
        return task.dataNames();
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(learned);
    }

    @Override
    public dev.amortizer.task.DataSupport dataSupport() {
        return task.dataSupport();
    }

    @Override
    public void checkObservation(double[] x) {
        task.checkObservation(x);
    }
}
