package dev.amortizer.task;

import dev.amortizer.posterior.Posterior;
import java.util.List;
import java.util.Optional;

/**
 * An inference problem: a prior over θ, a simulator of x given θ, names for both, and,
 * where tractable, the log-likelihood and an exact (or gold-standard) reference posterior.
 *
 * <p>{@code Task t = TaskCatalog.byName("two_moons"); double[][] x = t.simulator().simulate(t.prior().sample(100, rng), rng);}
 */
public interface Task {
    /** The catalogue name, such as {@code two_moons}. */
    String name();

    Prior prior();

    Simulator simulator();

    /** Column names of θ, as in the reference files. */
    List<String> parameterNames();

    /** Column names of x. */
    List<String> dataNames();

    /** The log-likelihood, when the task has a tractable one. */
    default Optional<LogLikelihood> likelihood() {
        return Optional.empty();
    }

    /** A sampler of the reference posterior p(θ | x_o), when the task has one. */
    default Optional<Posterior> referencePosterior() {
        return Optional.empty();
    }

    /** How x is structured (an i.i.d. set, a time series, exchangeable rows); empty for a plain vector. */
    default Optional<DataLayout> dataLayout() {
        return Optional.empty();
    }

    /**
     * Reflections of θ that leave both the prior and the likelihood unchanged ({@link ParameterSymmetry}), which NPE
     * trains and answers with; empty where none is declared.
     */
    default Optional<ParameterSymmetry> parameterSymmetry() {
        return Optional.empty();
    }

    default int parameterDim() {
        return prior().dim();
    }

    default int dataDim() {
        return simulator().dataDim();
    }

    /**
     * Where observations can lie ({@link DataSupport}); a task that states nothing accepts any value of magnitude up
     * to {@link DataSupport#OVERFLOW_BOUND}.
     */
    default DataSupport dataSupport() {
        return DataSupport.unchecked(dataDim());
    }

    /** Checks an observation's length, values and {@link #dataSupport() support}, naming what is wrong. */
    default void checkObservation(double[] x) {
        if (x.length != dataDim()) {
            throw new IllegalArgumentException("task " + name() + " expects an observation of " + dataDim()
                    + " values, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("observation value " + (i + 1) + " (" + dataNames().get(i)
                        + ") is " + x[i] + ", expected a finite number");
            }
        }
        dataLayout().ifPresent(layout -> layout.check(x));
        dataSupport().check(x, dataNames());
    }
}
