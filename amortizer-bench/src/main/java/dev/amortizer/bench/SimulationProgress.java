package dev.amortizer.bench;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.FailureReporting;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;

/**
 * A task whose simulator advances a progress bar by one step per simulation: the amortiser's simulation phase made
 * visible without the amortiser knowing. Everything else is the wrapped task's; the bar only counts.
 */
final class SimulationProgress implements Task {
    private final Task task;
    private final Simulator simulator;

    private SimulationProgress(Task task, ProgressBar bar) {
        this.task = task;
        Simulator inner = task.simulator();
        // forwards a simulator's failure kinds, so that a progress bar does not turn them all into "non-finite"
        this.simulator = new Counting() {
            @Override
            public int parameterDim() {
                return inner.parameterDim();
            }

            @Override
            public int dataDim() {
                return inner.dataDim();
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                double[] x = inner.simulate(theta, rng);
                advance(bar, 1);
                return x;
            }

            @Override
            public double[][] simulate(double[][] theta, Rng rng) {
                double[][] x = inner.simulate(theta, rng);
                advance(bar, theta.length);
                return x;
            }

            @Override
            public Outcome simulateReporting(double[][] theta, Rng rng) {
                if (!(inner instanceof FailureReporting reporting)) {
                    return new Outcome(simulate(theta, rng), FailureCounts.NONE);
                }
                Outcome o = reporting.simulateReporting(theta, rng);
                advance(bar, theta.length);
                return o;
            }
        };
    }

    /** A simulator that may report why simulations failed. */
    private interface Counting extends Simulator, FailureReporting {
    }

    /** Steps the bar, closing it when the last simulation is done so it does not redraw over training's bar. */
    private static void advance(ProgressBar bar, long by) {
        synchronized (bar) {
            if (bar.getCurrent() < bar.getMax()) {
                bar.stepBy(by);
                if (bar.getCurrent() >= bar.getMax()) {
                    bar.close();
                }
            }
        }
    }

    /** {@code task} itself when bars are off, else the task with a counting simulator. */
    static Task of(Task task, ProgressBar bar) {
        return bar == null ? task : new SimulationProgress(task, bar);
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
        return simulator;
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
        return task.likelihood();
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return task.referencePosterior();
    }

    @Override
    public int parameterDim() {
        return task.parameterDim();
    }

    @Override
    public int dataDim() {
        return task.dataDim();
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
