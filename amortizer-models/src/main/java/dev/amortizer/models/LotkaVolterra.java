package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.reference.DefensiveRejectionPosterior;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.LogNormalPrior;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * sbibm's "lotka volterra": θ = (α, β, γ, δ) with log α, log γ ~ N(−0.125, 0.5²) and log β, log δ ~ N(−3, 0.5²).
 * Prey X and predator Y from X(0) = 30, Y(0) = 1: dX/dt = αX − βXY, dY/dt = −γY + δXY. Both are read at
 * t_j = 2.1j, j = 0..9, cast to float32, and x = (prey at t₀..t₉, predator at t₀..t₉) with
 * log x_i ~ N(log clamp(u_i, 10⁻¹⁰, 10⁴), 0.1²). The likelihood needs one ODE solve (gradient by finite
 * differences). Reference: exact rejection from a fitted defensive mixture in log θ. A failed solve gives NaN.
 */
public final class LotkaVolterra implements Task {
    static final int OBSERVED = 10;
    static final double NOISE_SD = 0.1;
    private static final double LOG_NORM = -Math.log(NOISE_SD) - 0.5 * Math.log(2 * Math.PI);
    private static final double[] TIMES = times();

    private final Prior prior = new LogNormalPrior(new double[] {-0.125, -3.0, -0.125, -3.0},
            new double[] {0.5, 0.5, 0.5, 0.5});

    private static double[] times() {
        double[] t = new double[OBSERVED];
        for (int j = 0; j < OBSERVED; j++) {
            t[j] = 2.1 * j;
        }
        return t;
    }

    @Override
    public String name() {
        return "lotka_volterra";
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public List<String> parameterNames() {
        return List.of("$\\alpha$", "$\\beta$", "$\\gamma$", "$\\delta$");
    }

    @Override
    public List<String> dataNames() {
        return Samples.defaultNames("data", 2 * OBSERVED);
    }

    /** log clamp(u_i, 10⁻¹⁰, 10⁴) in x's order, or null when the solve fails. */
    static double[] logMeans(double[] theta) {
        double a = theta[0];
        double b = theta[1];
        double c = theta[2];
        double d = theta[3];
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] dy) {
                dy[0] = a * y[0] - b * y[0] * y[1];
                dy[1] = -c * y[1] + d * y[0] * y[1];
            }
        };
        double[][] states = OdeSolution.solve(ode, 0, new double[] {30, 1}, TIMES);
        if (states == null) {
            return null;
        }
        double[] m = new double[2 * OBSERVED];
        for (int j = 0; j < OBSERVED; j++) {
            for (int s = 0; s < 2; s++) {
                double u = (float) states[j][s];
                m[s * OBSERVED + j] = Math.log(Math.min(1e4, Math.max(1e-10, u)));
            }
        }
        return m;
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(4, 2 * OBSERVED, (theta, rng) -> {
            double[] m = logMeans(theta);
            double[] x = new double[2 * OBSERVED];
            if (m == null) {
                Arrays.fill(x, Double.NaN);
                return x;
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.exp(rng.nextGaussian(m[i], NOISE_SD));
            }
            return x;
        });
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of((theta, x) -> {
            for (double t : theta) {
                if (!(t > 0)) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            double[] m = logMeans(theta);
            if (m == null) {
                return Double.NEGATIVE_INFINITY;
            }
            double s = 0;
            for (int i = 0; i < m.length; i++) {
                if (!(x[i] > 0)) {
                    return Double.NEGATIVE_INFINITY;
                }
                double lx = Math.log(x[i]);
                double z = (lx - m[i]) / NOISE_SD;
                s += LOG_NORM - lx - 0.5 * z * z;
            }
            return s;
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new DefensiveRejectionPosterior(prior, likelihood().orElseThrow(), parameterNames(),
                DefensiveRejectionPosterior.Settings.of(4)));
    }

    /** {@inheritDoc} Here: log-normal noise around populations clamped to [1e−10, 1e4]: positive, and far below 1e4·1e6. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.positive(2 * OBSERVED, 1e4 * DataSupport.SCALE_FACTOR);
    }
}
