package dev.amortizer.npe;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import dev.amortizer.task.UniformBoxPrior;
import java.util.List;

/** Test-scope tasks with known posteriors, and a small trained model shared by several tests. */
public final class TestTasks {
    private static NpePosterior small;

    private TestTasks() {
    }

    /**
     * θ ~ N(0, I₂), x = Aθ + σε with ε ~ N(0, I₂): the posterior is N(m, C) with
     * C = (I + AᵀA/σ²)⁻¹ and m = C Aᵀx/σ².
     */
    public static class LinearGaussian implements Task {
        final double[][] a;
        final double sigma;

        public LinearGaussian(double[][] a, double sigma) {
            this.a = a;
            this.sigma = sigma;
        }

        @Override
        public String name() {
            return "test_linear_gaussian";
        }

        @Override
        public Prior prior() {
            return DiagonalNormalPrior.isotropic(2, 1.0);
        }

        @Override
        public Simulator simulator() {
            return TestTasks.simulator(2, (theta, rng) -> new double[] {
                a[0][0] * theta[0] + a[0][1] * theta[1] + sigma * rng.nextGaussian(),
                a[1][0] * theta[0] + a[1][1] * theta[1] + sigma * rng.nextGaussian()});
        }

        @Override
        public List<String> parameterNames() {
            return List.of("theta_1", "theta_2");
        }

        @Override
        public List<String> dataNames() {
            return List.of("x_1", "x_2");
        }

        /** The posterior covariance C, row-major 2×2. */
        public double[][] posteriorCovariance() {
            double s2 = sigma * sigma;
            double p00 = 1 + (a[0][0] * a[0][0] + a[1][0] * a[1][0]) / s2;
            double p01 = (a[0][0] * a[0][1] + a[1][0] * a[1][1]) / s2;
            double p11 = 1 + (a[0][1] * a[0][1] + a[1][1] * a[1][1]) / s2;
            double det = p00 * p11 - p01 * p01;
            return new double[][] {{p11 / det, -p01 / det}, {-p01 / det, p00 / det}};
        }

        /** The posterior mean m at x. */
        public double[] posteriorMean(double[] x) {
            double[][] c = posteriorCovariance();
            double s2 = sigma * sigma;
            double b0 = (a[0][0] * x[0] + a[1][0] * x[1]) / s2;
            double b1 = (a[0][1] * x[0] + a[1][1] * x[1]) / s2;
            return new double[] {c[0][0] * b0 + c[0][1] * b1, c[1][0] * b0 + c[1][1] * b1};
        }
    }

    /** θ ~ U(0, 1)², x = θ + N(0, 0.3²): much posterior mass would leak out of the box untruncated. */
    public static Task box() {
        return box(2);
    }

    /** θ ~ U(0, 1)^dim, x = θ + N(0, 0.3² I). */
    public static Task box(int dim) {
        return inUnitBox(dim == 2 ? "test_box" : "test_box_" + dim, dim, dim, (theta, rng) -> {
            double[] x = new double[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = theta[i] + 0.3 * rng.nextGaussian();
            }
            return x;
        });
    }

    /** A task named {@code name}: θ ~ U(0, 1)^parameterDim, x of {@code dataDim} values drawn by {@code draw}. */
    static Task inUnitBox(String name, int parameterDim, int dataDim, Draw draw) {
        return new Task() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Prior prior() {
                return UniformBoxPrior.cube(parameterDim, 0, 1);
            }

            @Override
            public Simulator simulator() {
                return TestTasks.simulator(parameterDim, dataDim, draw);
            }

            @Override
            public List<String> parameterNames() {
                return Samples.defaultNames("parameter", parameterDim);
            }

            @Override
            public List<String> dataNames() {
                return Samples.defaultNames("data", dataDim);
            }
        };
    }

    /** A quick configuration: small network, few epochs. */
    public static NpeConfig quickConfig() {
        return NpeConfig.defaults().withComponents(3).withHidden(List.of(16, 16), HiddenActivation.TANH)
                .withEpochs(8, 8);
    }

    /** A small model of {@link #box()}, trained once per JVM. */
    public static synchronized NpePosterior smallModel() {
        if (small == null) {
            small = new Npe(quickConfig()).train(box(), 2000, Rng.seeded(11), new CostMeter());
        }
        return small;
    }

    interface Draw {
        double[] simulate(double[] theta, Rng rng);
    }

    static Simulator simulator(int dim, Draw draw) {
        return simulator(dim, dim, draw);
    }

    static Simulator simulator(int parameterDim, int dataDim, Draw draw) {
        return new Simulator() {
            @Override
            public int parameterDim() {
                return parameterDim;
            }

            @Override
            public int dataDim() {
                return dataDim;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                return draw.simulate(theta, rng);
            }
        };
    }
}
