package dev.amortizer.models;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.exception.NumberIsTooSmallException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;

/**
 * An ODE solved to given times with an adaptive Dormand-Prince 5(4) integrator (the order of sbibm's Tsit5) at
 * relative and absolute tolerance 10⁻⁸, integrating from one output time to the next. A failed solve (step size
 * underflow, too many evaluations, a non-finite state) gives {@code null}, which the tasks turn into a NaN row as
 * sbibm does.
 */
final class OdeSolution {
    static final double TOLERANCE = 1e-8;
    private static final int MAX_EVALUATIONS = 2_000_000;

    private OdeSolution() {
    }

    /** The state at each of {@code times} (increasing, the first at the start time {@code t0}), or null. */
    static double[][] solve(FirstOrderDifferentialEquations ode, double t0, double[] y0, double[] times) {
        FirstOrderIntegrator integrator = new DormandPrince54Integrator(1e-12, Double.POSITIVE_INFINITY,
                TOLERANCE, TOLERANCE);
        ((DormandPrince54Integrator) integrator).setMaxEvaluations(MAX_EVALUATIONS);
        double[][] out = new double[times.length][];
        double[] y = y0.clone();
        double t = t0;
        try {
            for (int i = 0; i < times.length; i++) {
                if (times[i] > t) {
                    integrator.integrate(ode, t, y, times[i], y);
                    t = times[i];
                }
                for (double v : y) {
                    if (!Double.isFinite(v)) {
                        return null;
                    }
                }
                out[i] = y.clone();
            }
        } catch (NumberIsTooSmallException | MathIllegalStateException e) {
            return null;
        }
        return out;
    }
}
