package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.SeriesLayout;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A raw series for the convolutional summary network, with an exact posterior: θ ~ N(0, I₃) and, for t = 0 … 99,
 * x_t = θ₁ + θ₂·(t − 49.5)/50 + θ₃·exp(−(t − 30)²/50) + 0.5·ε_t, ε_t ~ N(0, 1): a level, a trend and a local bump
 * at step 30 in white noise. x is the whole series (100 values, {@link SeriesLayout}); no hand-made summary is given.
 * Being linear-Gaussian, the posterior is N(μ, C) with C = (I + AᵀA/σ²)⁻¹ and μ = C·Aᵀx/σ², A the 100 × 3 design,
 * and is sampled exactly.
 */
public final class NoisySignal implements Task {
    static final int LENGTH = 100;
    static final int DIM = 3;
    static final double NOISE_SD = 0.5;
    private static final double[][] DESIGN = design();

    private final SeriesLayout layout = new SeriesLayout(LENGTH, 1);
    private final Prior prior = DiagonalNormalPrior.isotropic(DIM, 1.0);
    private final List<String> parameterNames = List.of("level", "trend", "bump");

    private static double[][] design() {
        double[][] a = new double[LENGTH][DIM];
        for (int t = 0; t < LENGTH; t++) {
            a[t][0] = 1;
            a[t][1] = (t - 49.5) / 50;
            a[t][2] = Math.exp(-(t - 30.0) * (t - 30.0) / 50);
        }
        return a;
    }

    @Override
    public String name() {
        return "noisy_signal";
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public List<String> dataNames() {
        return layout.columnNames();
    }

    @Override
    public Optional<DataLayout> dataLayout() {
        return Optional.of(layout);
    }

    private static double[] mean(double[] theta) {
        double[] m = new double[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            for (int j = 0; j < DIM; j++) {
                m[t] += DESIGN[t][j] * theta[j];
            }
        }
        return m;
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
                return LENGTH;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                double[] x = mean(theta);
                for (int t = 0; t < LENGTH; t++) {
                    x[t] += NOISE_SD * rng.nextGaussian();
                }
                return x;
            }
        };
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new LogLikelihood() {
            @Override
            public double logLikelihood(double[] theta, double[] x) {
                double[] m = mean(theta);
                double s = -LENGTH * (0.5 * Math.log(2 * Math.PI) + Math.log(NOISE_SD));
                for (int t = 0; t < LENGTH; t++) {
                    double z = (x[t] - m[t]) / NOISE_SD;
                    s -= 0.5 * z * z;
                }
                return s;
            }

            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                double[] m = mean(theta);
                java.util.Arrays.fill(grad, 0);
                for (int t = 0; t < LENGTH; t++) {
                    double r = (x[t] - m[t]) / (NOISE_SD * NOISE_SD);
                    for (int j = 0; j < DIM; j++) {
                        grad[j] += r * DESIGN[t][j];
                    }
                }
                return logLikelihood(theta, x);
            }

            @Override
            public boolean hasAnalyticGradient() {
                return true;
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        RealMatrix a = MatrixUtils.createRealMatrix(DESIGN);
        RealMatrix precision = MatrixUtils.createRealIdentityMatrix(DIM)
                .add(a.transpose().multiply(a).scalarMultiply(1 / (NOISE_SD * NOISE_SD)));
        RealMatrix cov = new CholeskyDecomposition(precision).getSolver().getInverse();
        RealMatrix chol = new CholeskyDecomposition(cov).getL();
        return Optional.of(new Posterior() {
            @Override
            public int parameterDim() {
                return DIM;
            }

            @Override
            public Samples sample(double[] x, int n, Rng rng) {
                checkObservation(x);
                double[] atx = a.transpose().operate(x);
                double[] mu = cov.operate(atx);
                double[][] rows = new double[n][DIM];
                for (double[] row : rows) {
                    double[] e = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
                    double[] le = chol.operate(e);
                    for (int j = 0; j < DIM; j++) {
                        row[j] = mu[j] / (NOISE_SD * NOISE_SD) + le[j];
                    }
                }
                return Samples.of(parameterNames, rows);
            }
        });
    }

    /** {@inheritDoc} Here: x_t = (Aθ)_t + N(0, 0.5²), θ ~ N(0, I). */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(LENGTH, 1);
    }
}
