package dev.amortizer.models.external;

import dev.amortizer.task.LogLikelihood;
import java.util.Arrays;
import java.util.List;

/**
 * log p(x | θ) computed by an external command over the same protocol as {@link ExternalSimulator}: each row sent
 * is θ then x (header: parameter names, then data names), each answer row one value under the header
 * {@code log_likelihood}; -inf where x is impossible under θ. The gradient is by finite differences (2D + 1
 * evaluations). A failed evaluation is bad input naming the command, θ and the end of its standard error: a
 * sampler cannot drop a likelihood evaluation the way a trainer drops a simulation.
 *
 * <p>Thread-safe: concurrent evaluations go to different worker processes.
 */
public final class ExternalLikelihood implements LogLikelihood, AutoCloseable {
    /** The header of the answer. */
    public static final String ANSWER_HEADER = "log_likelihood";

    private final WorkerPool pool;
    private final String header;
    private final int parameterDim;
    private final int dataDim;

    public ExternalLikelihood(ExternalCommand command, List<String> parameterNames, List<String> dataNames) {
        this.pool = new WorkerPool(command);
        this.header = String.join(",", parameterNames) + "," + String.join(",", dataNames);
        this.parameterDim = parameterNames.size();
        this.dataDim = dataNames.size();
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        if (theta.length != parameterDim || x.length != dataDim) {
            throw new IllegalArgumentException("the likelihood takes " + parameterDim + " parameters and " + dataDim
                    + " data values, got " + theta.length + " and " + x.length);
        }
        double[] row = Arrays.copyOf(theta, parameterDim + dataDim);
        System.arraycopy(x, 0, row, parameterDim, dataDim);
        double value;
        try {
            value = pool.run(0, header, new double[][] {row}, ANSWER_HEADER, 1)[0][0];
        } catch (BatchFailure f) {
            throw failure(theta, f.getMessage());
        }
        if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
            throw failure(theta, "the answer is " + value + ", expected a number or -inf");
        }
        return value;
    }

    private IllegalArgumentException failure(double[] theta, String why) {
        pool.note("likelihood " + why + " for theta = " + Arrays.toString(theta));
        return new IllegalArgumentException("likelihood command " + pool.command().describe() + " failed (" + why
                + ") for θ = " + Arrays.toString(theta) + "; its standard error ends:\n" + pool.logTail());
    }

    /** Ends the worker processes (they also end when the JVM exits). */
    @Override
    public void close() {
        pool.close();
    }
}
