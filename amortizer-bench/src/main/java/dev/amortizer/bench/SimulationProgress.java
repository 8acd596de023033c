package dev.amortizer.bench;

import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.FailureReporting;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.Task;
import me.tongfei.progressbar.ProgressBar;

/**
 * A task whose simulator advances a progress bar by one step per simulation: the amortiser's simulation phase made
 * visible without the amortiser knowing. Everything else is the wrapped task's; the bar only counts.
 */
final class SimulationProgress extends ForwardingTask {
    private final Simulator simulator;

    private SimulationProgress(Task task, ProgressBar bar) {
        super(task);
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
    public Simulator simulator() {
        return simulator;
    }
}
