package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.SetLayout;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * {@link GaussianLinear} observed m times: θ ~ N(0, 0.1·I₁₀), y_1 … y_m | θ i.i.d. N(θ, 0.1·I₁₀), with the number of
 * replicates m drawn uniformly from {m_min … m_max} by the simulator. x is the set laid out by {@link SetLayout}
 * (m first, then the rows, zero padding up to M = 100 rows, 1,001 values), so that one summary network can serve
 * every m. The posterior is conjugate: N(Σ_i y_i / (m + 1), 0.1/(m + 1)·I₁₀), sampled exactly.
 *
 * <p>Catalogue names: {@code gaussian_linear_iid} (m ∈ 1…100) and {@code gaussian_linear_iid_m<k>} (m = k always,
 * the same layout), e.g. to train a network for one m alone.
 */
public final class GaussianLinearReplicates implements Task {
    /** M, the largest set the layout holds. */
    public static final int MAX_REPLICATES = 100;
    static final String NAME = "gaussian_linear_iid";
    private static final int DIM = GaussianLinear.DIM;
    private static final double VARIANCE = GaussianLinear.VARIANCE;
    private static final double SD = Math.sqrt(VARIANCE);
    private static final double LOG_NORM = -DIM * (0.5 * Math.log(2 * Math.PI) + Math.log(SD));

    private final int minReplicates;
    private final int maxReplicates;
    private final SetLayout layout = SetLayout.of(MAX_REPLICATES, DIM);
    private final Prior prior = DiagonalNormalPrior.isotropic(DIM, VARIANCE);
    private final List<String> parameterNames = Samples.defaultNames("parameter", DIM);
    private final List<String> dataNames = layout.columnNames();

    /** m uniform on {@code minReplicates … maxReplicates}, within 1 … 100. */
    public GaussianLinearReplicates(int minReplicates, int maxReplicates) {
        if (minReplicates < 1 || maxReplicates > MAX_REPLICATES || minReplicates > maxReplicates) {
            throw new IllegalArgumentException("replicates must satisfy 1 <= min <= max <= " + MAX_REPLICATES
                    + ", got " + minReplicates + ".." + maxReplicates);
        }
        this.minReplicates = minReplicates;
        this.maxReplicates = maxReplicates;
    }

    /** The catalogue's {@code gaussian_linear_iid}: m ∈ 1 … 100. */
    public GaussianLinearReplicates() {
        this(1, MAX_REPLICATES);
    }

    /** The task for a catalogue name of this family, or null if {@code name} is not one. */
    static Task byName(String name) {
        if (NAME.equals(name)) {
            return new GaussianLinearReplicates();
        }
        String prefix = NAME + "_m";
        if (name.startsWith(prefix) && name.length() > prefix.length() && name.length() <= prefix.length() + 3
                && name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
            int m = Integer.parseInt(name.substring(prefix.length()));
            if (m >= 1 && m <= MAX_REPLICATES && !name.substring(prefix.length()).startsWith("0")) {
                return new GaussianLinearReplicates(m, m);
            }
        }
        return null;
    }

    @Override
    public String name() {
        if (minReplicates == 1 && maxReplicates == MAX_REPLICATES) {
            return NAME;
        }
        return minReplicates == maxReplicates ? NAME + "_m" + minReplicates
                : NAME + "_m" + minReplicates + "-" + maxReplicates;
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
        return dataNames;
    }

    @Override
    public Optional<DataLayout> dataLayout() {
        return Optional.of(layout);
    }

    /** The set layout of x. */
    public SetLayout setLayout() {
        return layout;
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
                return layout.flatLength();
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                int m = minReplicates + rng.nextInt(maxReplicates - minReplicates + 1);
                return simulateSet(theta, m, rng);
            }
        };
    }

    /** One set of exactly {@code m} replicates for θ. */
    public double[] simulateSet(double[] theta, int m, Rng rng) {
        double[][] rows = new double[m][DIM];
        for (double[] row : rows) {
            for (int i = 0; i < DIM; i++) {
                row[i] = rng.nextGaussian(theta[i], SD);
            }
        }
        return layout.encode(rows);
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new LogLikelihood() {
            @Override
            public double logLikelihood(double[] theta, double[] x) {
                int m = layout.size(x);
                double s = m * LOG_NORM;
                for (int r = 0; r < m; r++) {
                    int off = layout.rowOffset(r);
                    for (int i = 0; i < DIM; i++) {
                        double z = (x[off + i] - theta[i]) / SD;
                        s -= 0.5 * z * z;
                    }
                }
                return s;
            }

            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                java.util.Arrays.fill(grad, 0);
                int m = layout.size(x);
                for (int r = 0; r < m; r++) {
                    int off = layout.rowOffset(r);
                    for (int i = 0; i < DIM; i++) {
                        grad[i] += (x[off + i] - theta[i]) / VARIANCE;
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
        return Optional.of(new IndependentGaussianPosterior(parameterNames, this::checkObservation, x -> {
            int m = layout.size(x);
            double[] mean = new double[DIM];
            for (int r = 0; r < m; r++) {
                int off = layout.rowOffset(r);
                for (int i = 0; i < DIM; i++) {
                    mean[i] += x[off + i];
                }
            }
            for (int i = 0; i < DIM; i++) {
                mean[i] /= m + 1;
            }
            return mean;
        }, x -> Math.sqrt(VARIANCE / (layout.size(x) + 1))));
    }

    /** {@inheritDoc} Here: the set size first (a whole number in 1..100), then rows of N(θ, 0.1 I) draws. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(layout.flatLength(), 1).with(0, 1, MAX_REPLICATES, true);
    }
}
