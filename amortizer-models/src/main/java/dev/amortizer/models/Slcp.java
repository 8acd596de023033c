package dev.amortizer.models;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.reference.DefensiveRejectionPosterior;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.UniformBoxPrior;
import java.util.List;
import java.util.Optional;

/**
 * sbibm's "slcp" (simple likelihood, complex posterior): θ ~ U(−3, 3)⁵; x is 4 i.i.d. draws of N(m, S) with
 * m = (θ₁, θ₂), s₁ = θ₃², s₂ = θ₄², ρ = tanh θ₅ and S = [[s₁² + ε, ρs₁s₂], [ρs₁s₂, s₂² + ε]], ε = 10⁻⁶, stored
 * draw-major. The likelihood is exact; the posterior has up to four modes from the sign symmetries of θ₃, θ₄ (and ρ).
 * The reference is exact rejection from a fitted defensive mixture ({@link DefensiveRejectionPosterior}). The four
 * draws are exchangeable rows ({@link RowsLayout}): NPE reads them in canonical order; the signs of θ₃ and θ₄ are a
 * declared {@link ParameterSymmetry}: NPE learns one of the four modes and reflects its draws.
 */
public final class Slcp extends CatalogTask {
    static final int DIM = 5;
    static final int DRAWS = 4;
    private static final double JITTER = 1e-6;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    public Slcp() {
        super("slcp", UniformBoxPrior.cube(DIM, -3, 3), 2 * DRAWS);
    }

    @Override
    public Simulator simulator() {
        return new Simulator() {
            @Override
            public int parameterDim() {
                return DIM;
            }

            @Override
            public int dataDim() {
                return 2 * DRAWS;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                Covariance c = new Covariance(theta);
                // Lower Cholesky factor of S.
                double l11 = Math.sqrt(c.v1);
                double l21 = c.cov / l11;
                double l22 = Math.sqrt(c.v2 - l21 * l21);
                double[] x = new double[2 * DRAWS];
                for (int j = 0; j < DRAWS; j++) {
                    double z1 = rng.nextGaussian();
                    double z2 = rng.nextGaussian();
                    x[2 * j] = theta[0] + l11 * z1;
                    x[2 * j + 1] = theta[1] + l21 * z1 + l22 * z2;
                }
                return x;
            }
        };
    }

    /**
     * log p(x | θ) = −4 log 2π − 2 log det S − ½ Σ_j r_jᵀ S⁻¹ r_j with r_j = z_j − m. The gradient: ∂/∂m = Σ_j S⁻¹ r_j;
     * with G = −2 S⁻¹ + ½ S⁻¹ (Σ_j r_j r_jᵀ) S⁻¹ = ∂ log p/∂S, the chain rule through S₁₁ = θ₃⁴ + ε,
     * S₂₂ = θ₄⁴ + ε and S₁₂ = tanh(θ₅) θ₃² θ₄² gives the rest.
     */
    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new LogLikelihood() {
            @Override
            public double logLikelihood(double[] theta, double[] x) {
                return logLikelihoodAndGradient(theta, x, new double[DIM]);
            }

            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                Covariance c = new Covariance(theta);
                double det = c.v1 * c.v2 - c.cov * c.cov;
                double i11 = c.v2 / det;
                double i22 = c.v1 / det;
                double i12 = -c.cov / det;
                double s = -DRAWS * (LOG_2PI + 0.5 * Math.log(det));
                double g1 = 0;
                double g2 = 0;
                double a11 = 0;
                double a22 = 0;
                double a12 = 0;
                for (int j = 0; j < DRAWS; j++) {
                    double r1 = x[2 * j] - theta[0];
                    double r2 = x[2 * j + 1] - theta[1];
                    s -= 0.5 * (i11 * r1 * r1 + 2 * i12 * r1 * r2 + i22 * r2 * r2);
                    g1 += i11 * r1 + i12 * r2;
                    g2 += i12 * r1 + i22 * r2;
                    a11 += r1 * r1;
                    a22 += r2 * r2;
                    a12 += r1 * r2;
                }
                // B = S⁻¹ A S⁻¹ for the scatter A, then G = −(n/2) S⁻¹ + ½ B.
                double t11 = i11 * a11 + i12 * a12;
                double t12 = i11 * a12 + i12 * a22;
                double t21 = i12 * a11 + i22 * a12;
                double t22 = i12 * a12 + i22 * a22;
                double b11 = t11 * i11 + t12 * i12;
                double b12 = t11 * i12 + t12 * i22;
                double b22 = t21 * i12 + t22 * i22;
                double gs11 = -0.5 * DRAWS * i11 + 0.5 * b11;
                double gs22 = -0.5 * DRAWS * i22 + 0.5 * b22;
                double gs12 = -0.5 * DRAWS * i12 + 0.5 * b12;
                double t3 = theta[2];
                double t4 = theta[3];
                double s1 = t3 * t3;
                double s2 = t4 * t4;
                double rho = Math.tanh(theta[4]);
                grad[0] = g1;
                grad[1] = g2;
                grad[2] = gs11 * 4 * t3 * s1 + 2 * gs12 * 2 * t3 * rho * s2;
                grad[3] = gs22 * 4 * t4 * s2 + 2 * gs12 * 2 * t4 * rho * s1;
                grad[4] = 2 * gs12 * (1 - rho * rho) * s1 * s2;
                return s;
            }

            @Override
            public boolean hasAnalyticGradient() {
                return true;
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new DefensiveRejectionPosterior(prior(), likelihood().orElseThrow(), parameterNames(),
                new DefensiveRejectionPosterior.Settings(10_000, 12, 2, false).mirroredIn(2, 3)));
    }

    /** The 2×2 covariance S(θ). */
    private static final class Covariance {
        final double v1;
        final double v2;
        final double cov;

        Covariance(double[] theta) {
            double s1 = theta[2] * theta[2];
            double s2 = theta[3] * theta[3];
            double rho = Math.tanh(theta[4]);
            v1 = s1 * s1 + JITTER;
            v2 = s2 * s2 + JITTER;
            cov = rho * s1 * s2;
        }
    }

    /** θ₃ and θ₄ enter the likelihood squared, and the prior is symmetric: their signs carry nothing. */
    static final ParameterSymmetry SIGNS = ParameterSymmetry.parse(DIM, List.of("flip 3", "flip 4"));

    /** The signs of θ₃ and θ₄, which x cannot tell ({@link #SIGNS}): NPE learns one of the four modes. */
    @Override
    public Optional<ParameterSymmetry> parameterSymmetry() {
        return Optional.of(SIGNS);
    }

    /** The four draws, whose order carries nothing about θ. */
    @Override
    public Optional<DataLayout> dataLayout() {
        return Optional.of(new RowsLayout(DRAWS, 2));
    }

    /** {@inheritDoc} Here: x ~ N(m, S) with |m| ≤ 3 and SDs up to 9. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(8, 10);
    }
}
