package dev.amortizer.campaign;

import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.FailureReporting;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.Task;

/** Test tasks whose simulations fail on part of the prior, with or without saying why. */
public final class FailingTasks {
    private FailingTasks() {
    }

    /** The task failing (NaN) wherever θ_1 < 0.1, reporting it as a timeout when {@code reports}. */
    public static Task failing(Task task, boolean reports) {
        abstract class Failing implements Simulator {
            @Override
            public int parameterDim() {
                return task.parameterDim();
            }

            @Override
            public int dataDim() {
                return task.dataDim();
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                double[] x = task.simulator().simulate(theta, rng);
                return theta[0] < 0.1 ? new double[] {Double.NaN, Double.NaN} : x;
            }
        }
        class Reporting extends Failing implements FailureReporting {
            @Override
            public Outcome simulateReporting(double[][] theta, Rng rng) {
                double[][] x = simulate(theta, rng);
                long n = java.util.Arrays.stream(x).filter(row -> Double.isNaN(row[0])).count();
                return new Outcome(x, FailureCounts.of("timeout", n));
            }
        }
        return wrap(task, reports ? new Reporting() : new Failing() { });
    }

    public static Task wrap(Task task, Simulator simulator) {
        return new ForwardingTask(task) {
            @Override
            public Simulator simulator() {
                return simulator;
            }
        };
    }
}
