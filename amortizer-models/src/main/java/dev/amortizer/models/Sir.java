package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
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
import org.apache.commons.math3.special.Gamma;

/**
 * sbibm's "sir" epidemic: θ = (β, γ), β ~ LogNormal(log 0.4, 0.5), γ ~ LogNormal(log 0.125, 0.2). With N = 10⁶,
 * S(0) = N − 1, I(0) = 1, R(0) = 0: dS/dt = −βSI/N, dI/dt = βSI/N − γI (R is not needed). I is read at
 * t_j = 17j days, j = 0..9, cast to float32, and x_j ~ Binomial(1000, clamp(I(t_j)/N, 0, 1)). The likelihood
 * Π_j Binom(x_j; 1000, p_j) needs one ODE solve (gradient by finite differences). Reference: exact rejection
 * from a fitted defensive mixture in log θ ({@link DefensiveRejectionPosterior}). A failed solve gives NaN.
 */
public final class Sir implements Task {
    static final double POPULATION = 1e6;
    static final int TRIALS = 1000;
    static final int OBSERVED = 10;
    private static final double[] TIMES = times();

    private final Prior prior = new LogNormalPrior(new double[] {Math.log(0.4), Math.log(0.125)},
            new double[] {0.5, 0.2});

    private static double[] times() {
        double[] t = new double[OBSERVED];
        for (int j = 0; j < OBSERVED; j++) {
            t[j] = 17.0 * j;
        }
        return t;
    }

    @Override
    public String name() {
        return "sir";
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public List<String> parameterNames() {
        return List.of("$\\beta$", "$\\gamma$");
    }

    @Override
    public List<String> dataNames() {
        return Samples.defaultNames("data", OBSERVED);
    }

    /** p_j = clamp(I(t_j)/N, 0, 1) with I(t_j) as float32, or null when the solve fails. */
    static double[] infectedFractions(double[] theta) {
        double beta = theta[0];
        double gamma = theta[1];
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] dy) {
                double infection = beta * y[0] * y[1] / POPULATION;
                dy[0] = -infection;
                dy[1] = infection - gamma * y[1];
            }
        };
        double[][] states = OdeSolution.solve(ode, 0, new double[] {POPULATION - 1, 1}, TIMES);
        if (states == null) {
            return null;
        }
        double[] p = new double[OBSERVED];
        for (int j = 0; j < OBSERVED; j++) {
            p[j] = Math.min(1, Math.max(0, (float) states[j][1] / POPULATION));
        }
        return p;
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(2, OBSERVED, (theta, rng) -> {
            double[] p = infectedFractions(theta);
            double[] x = new double[OBSERVED];
            if (p == null) {
                Arrays.fill(x, Double.NaN);
                return x;
            }
            for (int j = 0; j < OBSERVED; j++) {
                x[j] = Binomial.sample(TRIALS, p[j], rng);
            }
            return x;
        });
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of((theta, x) -> {
            if (!(theta[0] > 0 && theta[1] > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            double[] p = infectedFractions(theta);
            if (p == null) {
                return Double.NEGATIVE_INFINITY;
            }
            double s = 0;
            for (int j = 0; j < OBSERVED; j++) {
                s += Binomial.logProbability(x[j], TRIALS, p[j]);
            }
            return s;
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new DefensiveRejectionPosterior(prior, likelihood().orElseThrow(), parameterNames(),
                DefensiveRejectionPosterior.Settings.of(4)));
    }

    /** Binomial draws and log probabilities. */
    static final class Binomial {
        private Binomial() {
        }

        /**
         * k ~ Binomial(n, p) by sequential inversion of the CDF on min(p, 1 − p) (at most about n/2 steps; exact up
         * to rounding of the recursion P(k + 1) = P(k)·(n − k)/(k + 1)·p/(1 − p)).
         */
        static int sample(int n, double p, Rng rng) {
            if (p <= 0) {
                return 0;
            }
            if (p >= 1) {
                return n;
            }
            boolean flip = p > 0.5;
            double q = flip ? 1 - p : p;
            double ratio = q / (1 - q);
            double pk = Math.pow(1 - q, n);
            double u = rng.nextDouble();
            int k = 0;
            double cumulative = pk;
            while (u >= cumulative && k < n) {
                pk *= ratio * (n - k) / (k + 1);
                k++;
                cumulative += pk;
            }
            return flip ? n - k : k;
        }

        /** log Binom(k; n, p); −∞ for impossible k. */
        static double logProbability(double k, int n, double p) {
            if (k < 0 || k > n || k != Math.rint(k)) {
                return Double.NEGATIVE_INFINITY;
            }
            double logChoose = Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1) - Gamma.logGamma(n - k + 1);
            double a = k == 0 ? 0 : (p <= 0 ? Double.NEGATIVE_INFINITY : k * Math.log(p));
            double b = k == n ? 0 : (p >= 1 ? Double.NEGATIVE_INFINITY : (n - k) * Math.log1p(-p));
            return logChoose + a + b;
        }
    }

    /** {@inheritDoc} Here: x_j ~ Binomial(1000, p_j): whole numbers in [0, 1000]. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.counts(OBSERVED, TRIALS);
    }
}
