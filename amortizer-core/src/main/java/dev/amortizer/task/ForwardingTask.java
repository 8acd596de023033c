package dev.amortizer.task;

import dev.amortizer.posterior.Posterior;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task that answers every question by asking another one: the base of wrappers that change one thing (a learned
 * likelihood, a counting simulator, a hidden reference) and must pass on all the rest, including what later
 * versions of {@link Task} add, which a hand-written wrapper would silently drop.
 *
 * <p>{@code Task t = new ForwardingTask(task) { public Optional<Posterior> referencePosterior() { return Optional.empty(); } };}
 */
public abstract class ForwardingTask implements Task {
    private final Task delegate;

    protected ForwardingTask(Task delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The task asked. */
    protected final Task delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Prior prior() {
        return delegate.prior();
    }

    @Override
    public Simulator simulator() {
        return delegate.simulator();
    }

    @Override
    public List<String> parameterNames() {
        return delegate.parameterNames();
    }

    @Override
    public List<String> dataNames() {
        return delegate.dataNames();
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return delegate.likelihood();
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return delegate.referencePosterior();
    }

    @Override
    public Optional<DataLayout> dataLayout() {
        return delegate.dataLayout();
    }

    @Override
    public Optional<ParameterSymmetry> parameterSymmetry() {
        return delegate.parameterSymmetry();
    }

    @Override
    public int parameterDim() {
        return delegate.parameterDim();
    }

    @Override
    public int dataDim() {
        return delegate.dataDim();
    }

    @Override
    public DataSupport dataSupport() {
        return delegate.dataSupport();
    }

    @Override
    public void checkObservation(double[] x) {
        delegate.checkObservation(x);
    }
}
