package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.reference.DefensiveRejectionPosterior;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import dev.amortizer.task.UniformBoxPrior;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Theis pumping test: a well pumps a confined aquifer at a constant rate Q and the drawdown is logged at an
 * observation well a distance r away. Theis (1935): s(t) = Q/(4πT)·W(u), u = r²S/(4Tt), with W = E₁ the
 * exponential integral ({@link ExponentialIntegral}), T the transmissivity (m²/day) and S the storativity.
 *
 * <p>θ = (log₁₀ T, log₁₀ S) with log₁₀ T ~ U(0, 3) (1 to 1,000 m²/day, sand to gravel) and log₁₀ S ~ U(−5, −2)
 * (confined aquifers). Design: Q = 500 m³/day, r = 30 m, 12 readings at times log-spaced from 1 minute to 1 day.
 * Noise: x_i = s(t_i) + ε_i, ε_i ~ N(0, 0.01²) (1 cm gauge error). The Gaussian likelihood has an analytic
 * gradient, from ∂s/∂log₁₀T = ln 10·(−s + Q/(4πT)·e^{−u}) and ∂s/∂log₁₀S = −ln 10·Q/(4πT)·e^{−u}. Each field
 * observation costs a day of pumping, so answers must come from few, expensive observations: the case for
 * amortisation.
 */
public final class Theis implements Task {
    static final double PUMPING_RATE = 500;
    static final double DISTANCE = 30;
    static final double NOISE_SD = 0.01;
    static final int READINGS = 12;
    static final double[] TIMES = times();
    private static final double LN10 = Math.log(10);
    private static final double LOG_NORM = -Math.log(NOISE_SD) - 0.5 * Math.log(2 * Math.PI);

    private final Prior prior = new UniformBoxPrior(new dev.amortizer.task.Support(new double[] {0, -5},
            new double[] {3, -2}));

    /** t_i = 10^(log₁₀(1/1440) + i·(log₁₀ 1440)/11) days, i = 0..11. */
    private static double[] times() {
        double first = Math.log10(1.0 / 1440);
        double step = -first / (READINGS - 1);
        double[] t = new double[READINGS];
        for (int i = 0; i < READINGS; i++) {
            t[i] = Math.pow(10, first + i * step);
        }
        return t;
    }

    @Override
    public String name() {
        return "theis";
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public List<String> parameterNames() {
        return List.of("log10_transmissivity", "log10_storativity");
    }

    @Override
    public List<String> dataNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= READINGS; i++) {
            names.add("drawdown_" + i);
        }
        return names;
    }

    /** The noise-free drawdowns s(t_i) in metres. */
    static double[] drawdown(double[] theta) {
        double t = Math.pow(10, theta[0]);
        double s = Math.pow(10, theta[1]);
        double scale = PUMPING_RATE / (4 * Math.PI * t);
        double[] out = new double[READINGS];
        for (int i = 0; i < READINGS; i++) {
            out[i] = scale * ExponentialIntegral.e1(DISTANCE * DISTANCE * s / (4 * t * TIMES[i]));
        }
        return out;
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(2, READINGS, (theta, rng) -> {
            double[] s = drawdown(theta);
            for (int i = 0; i < READINGS; i++) {
                s[i] = rng.nextGaussian(s[i], NOISE_SD);
            }
            return s;
        });
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new AnalyticLikelihood(2) {
            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                double t = Math.pow(10, theta[0]);
                double st = Math.pow(10, theta[1]);
                double scale = PUMPING_RATE / (4 * Math.PI * t);
                double ll = 0;
                grad[0] = 0;
                grad[1] = 0;
                for (int i = 0; i < READINGS; i++) {
                    double u = DISTANCE * DISTANCE * st / (4 * t * TIMES[i]);
                    double s = scale * ExponentialIntegral.e1(u);
                    double r = (x[i] - s) / NOISE_SD;
                    ll += LOG_NORM - 0.5 * r * r;
                    double tail = scale * Math.exp(-u);
                    double weight = r / NOISE_SD;
                    grad[0] += weight * LN10 * (tail - s);
                    grad[1] -= weight * LN10 * tail;
                }
                return ll;
            }
        });
    }

    /** Exact rejection from a fitted defensive mixture ({@link DefensiveRejectionPosterior}). */
    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new DefensiveRejectionPosterior(prior, likelihood().orElseThrow(), parameterNames(),
                DefensiveRejectionPosterior.Settings.of(4)));
    }

    /** {@inheritDoc} Here: drawdowns of up to about 500 m plus 1 cm noise. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(READINGS, 100);
    }
}
