package dev.amortizer.direct;

import dev.amortizer.task.Task;

/** The argument checks every {@link DirectMethod#run} shares, in one place. */
final class RunArguments {
    private RunArguments() {
    }

    /** Checks the arguments of a run; returns a copy of the budgets. */
    static long[] check(Task task, double[] observation, long[] budgets, int numSamples) {
        if (task == null || observation == null || budgets == null) {
            throw new IllegalArgumentException("task, observation and budgets must not be null");
        }
        task.checkObservation(observation);
        if (task.parameterNames().size() != task.parameterDim()) {
            throw new IllegalArgumentException("task " + task.name() + " names " + task.parameterNames().size()
                    + " parameters but its prior has dimension " + task.parameterDim());
        }
        if (numSamples <= 0) {
            throw new IllegalArgumentException("numSamples is " + numSamples + ", expected > 0");
        }
        if (budgets.length == 0) {
            throw new IllegalArgumentException("budgets is empty, expected at least one budget");
        }
        for (int i = 0; i < budgets.length; i++) {
            if (budgets[i] <= 0) {
                throw new IllegalArgumentException("budgets[" + i + "] is " + budgets[i] + ", expected > 0");
            }
            if (i > 0 && budgets[i] <= budgets[i - 1]) {
                throw new IllegalArgumentException("budgets[" + i + "] is " + budgets[i] + ", expected more than budgets["
                        + (i - 1) + "] = " + budgets[i - 1] + " (budgets must strictly increase)");
            }
        }
        return budgets.clone();
    }
}
