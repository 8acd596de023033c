package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.UniformBoxPrior;
import java.util.List;
import java.util.Optional;

/**
 * sbibm's "two moons": θ ~ U(−1, 1)², a ~ U(−π/2, π/2), r ~ N(0.1, 0.01²),
 * x = (r cos a + 0.25 − |θ₁ + θ₂|/√2, r sin a + (θ₂ − θ₁)/√2).
 *
 * <p>The likelihood is exact: with u = x₁ + |θ₁+θ₂|/√2 − 0.25, v = x₂ − (θ₂−θ₁)/√2 and
 * ρ = √(u² + v²), p(x | θ) = N(ρ; 0.1, 0.01²) / (π ρ) for u > 0 (sbibm drops the 1/(πρ) factor).
 * The reference posterior inverts the generative process exactly and truncates to the prior box. θ and
 * (−θ₂, −θ₁) are equally likely, a declared {@link ParameterSymmetry}: NPE learns one crescent and reflects its draws.
 *
 * @see <a href="https://arxiv.org/abs/2101.04653">Lueckmann et al. 2021, Benchmarking simulation-based inference</a>
 */
public final class TwoMoons extends CatalogTask {
    /** The reflection θ ↦ (−θ₂, −θ₁) across the line θ₁ + θ₂ = 0. */
    private static final ParameterSymmetry MIRROR = ParameterSymmetry.parse(2, List.of("swap- 1 2"));

    static final double MEAN_RADIUS = 0.1;
    static final double SD_RADIUS = 0.01;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double LOG_NORM = -0.5 * Math.log(2 * Math.PI) - Math.log(SD_RADIUS) - Math.log(Math.PI);

    public TwoMoons() {
        super("two_moons", UniformBoxPrior.cube(2, -1, 1), 2);
    }

    @Override
    public Simulator simulator() {
        return new Simulator() {
            @Override
            public int parameterDim() {
                return 2;
            }

            @Override
            public int dataDim() {
                return 2;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                double[] p = crescentPoint(rng);
                return new double[] {
                    p[0] - Math.abs(theta[0] + theta[1]) * SQRT_HALF,
                    p[1] + (theta[1] - theta[0]) * SQRT_HALF};
            }
        };
    }

    /**
     * x depends on θ₁ + θ₂ only through its absolute value and on θ₂ − θ₁ as it is, and the prior box is symmetric:
     * θ and (−θ₂, −θ₁) are equally likely (the posterior's two moons); NPE learns one and reflects its draws.
     */
    @Override
    public Optional<ParameterSymmetry> parameterSymmetry() {
        return Optional.of(MIRROR);
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new LogLikelihood() {
            @Override
            public double logLikelihood(double[] theta, double[] x) {
                return TwoMoons.logLikelihood(theta, x);
            }

            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                return TwoMoons.logLikelihoodAndGradient(theta, x, grad);
            }

            @Override
            public boolean hasAnalyticGradient() {
                return true;
            }
        });
    }

    /**
     * log p(x | θ) and its gradient: with ℓ = −½ z² − log ρ, z = (ρ − 0.1)/0.01, ∂ℓ/∂ρ = −z/0.01 − 1/ρ, and
     * ∂ρ/∂θ₁ = (u s σ + v s)/ρ, ∂ρ/∂θ₂ = (u s σ − v s)/ρ, s = √½, σ = sign(θ₁ + θ₂). Zero gradient where u ≤ 0.
     */
    static double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
        double sum = theta[0] + theta[1];
        double u = x[0] + Math.abs(sum) * SQRT_HALF - 0.25;
        double v = x[1] - (theta[1] - theta[0]) * SQRT_HALF;
        if (!(u > 0)) {
            grad[0] = 0;
            grad[1] = 0;
            return Double.NEGATIVE_INFINITY;
        }
        double rho = Math.sqrt(u * u + v * v);
        double z = (rho - MEAN_RADIUS) / SD_RADIUS;
        double slope = (-z / SD_RADIUS - 1 / rho) / rho;
        double sign = Math.signum(sum);
        grad[0] = slope * (u * SQRT_HALF * sign + v * SQRT_HALF);
        grad[1] = slope * (u * SQRT_HALF * sign - v * SQRT_HALF);
        return LOG_NORM - 0.5 * z * z - Math.log(rho);
    }

    /** log p(x | θ), exact including the 1/(πρ) polar Jacobian. */
    static double logLikelihood(double[] theta, double[] x) {
        double u = x[0] + Math.abs(theta[0] + theta[1]) * SQRT_HALF - 0.25;
        double v = x[1] - (theta[1] - theta[0]) * SQRT_HALF;
        if (!(u > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double rho = Math.sqrt(u * u + v * v);
        double z = (rho - MEAN_RADIUS) / SD_RADIUS;
        return LOG_NORM - 0.5 * z * z - Math.log(rho);
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new Posterior() {
            @Override
            public int parameterDim() {
                return 2;
            }

            @Override
            public Samples sample(double[] x, int n, Rng rng) {
                checkObservation(x);
                return Samples.of(parameterNames(), invert(x, n, rng));
            }
        });
    }

    /**
     * Exact posterior draws by inverting the simulator: draw the crescent point p, solve
     * |z₀| = p₁ − x₁ and z₁ = x₂ − p₂, pick the sign of z₀ with probability ½, rotate back and
     * keep draws inside the prior box. Exact whenever p₁ ≥ x₁ has probability one (x₁ < 0.15).
     */
    private double[][] invert(double[] x, int n, Rng rng) {
        double[][] out = new double[n][];
        int kept = 0;
        long tries = 0;
        while (kept < n) {
            if (++tries > 1000L * n + 100_000) {
                // the observation is the user's input: bad input, not a broken sampler
                throw new IllegalArgumentException("two_moons reference: observation " + java.util.Arrays.toString(x)
                        + " leaves almost no posterior mass inside the prior box");
            }
            double[] p = crescentPoint(rng);
            double q0 = p[0] - x[0];
            double q1 = x[1] - p[1];
            if (rng.nextDouble() < 0.5) {
                q0 = -q0;
            }
            double t1 = (q0 - q1) * SQRT_HALF;
            double t2 = (q0 + q1) * SQRT_HALF;
            if (Math.abs(t1) <= 1 && Math.abs(t2) <= 1) {
                out[kept++] = new double[] {t1, t2};
            }
        }
        return out;
    }

    private static double[] crescentPoint(Rng rng) {
        double a = rng.nextUniform(-Math.PI / 2, Math.PI / 2);
        double r = rng.nextGaussian(MEAN_RADIUS, SD_RADIUS);
        return new double[] {r * Math.cos(a) + 0.25, r * Math.sin(a)};
    }

    /** {@inheritDoc} Here: x is a point near the two moons, |x_i| ≲ 2. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(2, 1);
    }
}
