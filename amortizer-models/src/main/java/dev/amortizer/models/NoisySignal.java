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
 * A raw series for the convolutional summary network, with an exact posterior: θ ~ N(0, I₃) and, for t = 0 … T − 1,
 * x_t = θ₁ + θ₂·(t − (T − 1)/2)/(T/2) + θ₃·exp(−(t − 3T/10)²/(T²/200)) + 0.5·ε_t, ε_t ~ N(0, 1): a level, a trend
 * and a local bump at step 3T/10 in white noise. The trend runs from about −1 to 1 and the bump's width is T/10 steps
 * (two SDs) whatever T, so a longer series is the same signal read more finely. T = 100 is {@code noisy_signal}
 * (x_t = θ₁ + θ₂(t − 49.5)/50 + θ₃ exp(−(t − 30)²/50) + 0.5 ε_t), T = 1,000 is {@code noisy_signal_1000}. x is the
 * whole series (T values, {@link SeriesLayout}); no hand-made summary is given. Being linear-Gaussian, the posterior
 * is N(μ, C) with C = (I + AᵀA/σ²)⁻¹ and μ = C·Aᵀx/σ², A the T × 3 design, and is sampled exactly.
 */
public final class NoisySignal implements Task {
    /** The length of {@code noisy_signal}; other lengths are named {@code noisy_signal_<T>}. */
    static final int LENGTH = 100;
    static final int LONG_LENGTH = 1000;
    static final int DIM = 3;
    static final double NOISE_SD = 0.5;

    private final int length;
    private final double[][] design;
    private final SeriesLayout layout;
    private final Prior prior = DiagonalNormalPrior.isotropic(DIM, 1.0);
    private final List<String> parameterNames = List.of("level", "trend", "bump");

    /** {@code noisy_signal}: 100 steps. */
    public NoisySignal() {
        this(LENGTH);
    }

    /** The same model on a series of {@code length} steps (at least 3: three parameters). */
    public NoisySignal(int length) {
        if (length < DIM) {
            throw new IllegalArgumentException("noisy_signal needs at least " + DIM + " steps, got " + length);
        }
        this.length = length;
        this.design = design(length);
        this.layout = new SeriesLayout(length, 1);
    }

    /**
     * The T × 3 design. Every constant is exact in binary for T = 100 ((T − 1)/2 = 49.5, T/2 = 50, 3T/10 = 30,
     * T²/200 = 50), so noisy_signal's values are those of its original fixed-length formula bit for bit.
     */
    static double[][] design(int length) {
        double centre = (length - 1) / 2.0;
        double halfSpan = length / 2.0;
        double bumpAt = 3 * length / 10.0;
        double bumpWidth = (double) length * length / 200;
        double[][] a = new double[length][DIM];
        for (int t = 0; t < length; t++) {
            a[t][0] = 1;
            a[t][1] = (t - centre) / halfSpan;
            a[t][2] = Math.exp(-(t - bumpAt) * (t - bumpAt) / bumpWidth);
        }
        return a;
    }

    @Override
    public String name() {
        return length == LENGTH ? "noisy_signal" : "noisy_signal_" + length;
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

    private double[] mean(double[] theta) {
        double[] m = new double[length];
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < DIM; j++) {
                m[t] += design[t][j] * theta[j];
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
                return length;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                double[] x = mean(theta);
                for (int t = 0; t < length; t++) {
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
                double s = -length * (0.5 * Math.log(2 * Math.PI) + Math.log(NOISE_SD));
                for (int t = 0; t < length; t++) {
                    double z = (x[t] - m[t]) / NOISE_SD;
                    s -= 0.5 * z * z;
                }
                return s;
            }

            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                double[] m = mean(theta);
                java.util.Arrays.fill(grad, 0);
                for (int t = 0; t < length; t++) {
                    double r = (x[t] - m[t]) / (NOISE_SD * NOISE_SD);
                    for (int j = 0; j < DIM; j++) {
                        grad[j] += r * design[t][j];
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
        RealMatrix a = MatrixUtils.createRealMatrix(design);
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
        return DataSupport.real(length, 1);
    }
}
