package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;

/** A test task assembled from parts; {@code likelihood} and {@code reference} may be null. */
record ToyTask(String name, Prior prior, Simulator simulator, LogLikelihood likelihoodOrNull, Posterior referenceOrNull)
        implements Task {
    @Override
    public List<String> parameterNames() {
        return Samples.defaultNames("theta", prior.dim());
    }

    @Override
    public List<String> dataNames() {
        return Samples.defaultNames("x", simulator.dataDim());
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.ofNullable(likelihoodOrNull);
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.ofNullable(referenceOrNull);
    }

    /** The same task without its likelihood, as a simulator-only user would supply it. */
    ToyTask withoutLikelihood() {
        return new ToyTask(name + "_simulator_only", prior, simulator, null, referenceOrNull);
    }
}
