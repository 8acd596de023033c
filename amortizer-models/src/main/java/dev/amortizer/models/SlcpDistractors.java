package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * sbibm's "slcp distractors": the 8 SLCP outputs y (as {@link Slcp}) joined by 92 θ-free distractors η from a
 * 20-component Student-t mixture ({@link DistractorMixture}), v = (y, η), and shuffled by a fixed permutation,
 * x_i = v_{π(i)}; d = 100. The distractors carry no information, so the likelihood (up to a θ-free constant) and the
 * reference posterior are those of slcp on the 8 informative columns.
 */
public final class SlcpDistractors implements Task {
    private final Slcp slcp = new Slcp();
    private final int[] informative;

    public SlcpDistractors() {
        int[] columns = DistractorMixture.get().outputColumns();
        informative = new int[2 * Slcp.DRAWS];
        System.arraycopy(columns, 0, informative, 0, informative.length);
    }

    @Override
    public String name() {
        return "slcp_distractors";
    }

    @Override
    public Prior prior() {
        return slcp.prior();
    }

    @Override
    public List<String> parameterNames() {
        return slcp.parameterNames();
    }

    @Override
    public List<String> dataNames() {
        return Samples.defaultNames("data", DistractorMixture.OUTPUTS);
    }

    /** The 0-based columns of x holding slcp's 8 outputs, in slcp's order. */
    public int[] informativeColumns() {
        return informative.clone();
    }

    /** slcp's 8 outputs picked out of a 100-value x. */
    public double[] informativePart(double[] x) {
        if (x.length != DistractorMixture.OUTPUTS) {
            throw new IllegalArgumentException("slcp_distractors x has " + x.length + " values, expected "
                    + DistractorMixture.OUTPUTS);
        }
        double[] y = new double[informative.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[informative[i]];
        }
        return y;
    }

    @Override
    public Simulator simulator() {
        Simulator inner = slcp.simulator();
        DistractorMixture noise = DistractorMixture.get();
        return new FunctionSimulator(Slcp.DIM, DistractorMixture.OUTPUTS, (theta, rng) -> {
            double[] y = inner.simulate(theta, rng);
            double[] eta = noise.draw(rng);
            double[] x = new double[DistractorMixture.OUTPUTS];
            for (int i = 0; i < x.length; i++) {
                int source = noise.permutation[i];
                x[i] = source < y.length ? y[source] : eta[source - y.length];
            }
            return x;
        });
    }

    /** slcp's: the signs of θ₃ and θ₄, which the likelihood squares. */
    @Override
    public Optional<ParameterSymmetry> parameterSymmetry() {
        return Optional.of(Slcp.SIGNS);
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        LogLikelihood inner = slcp.likelihood().orElseThrow();
        return Optional.of(new LogLikelihood() {
            @Override
            public double logLikelihood(double[] theta, double[] x) {
                return inner.logLikelihood(theta, informativePart(x));
            }

            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                return inner.logLikelihoodAndGradient(theta, informativePart(x), grad);
            }

            @Override
            public boolean hasAnalyticGradient() {
                return inner.hasAnalyticGradient();
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        Posterior inner = slcp.referencePosterior().orElseThrow();
        return Optional.of(new Posterior() {
            @Override
            public int parameterDim() {
                return Slcp.DIM;
            }

            @Override
            public Samples sample(double[] x, int n, Rng rng) {
                checkObservation(x);
                return inner.sample(informativePart(x), n, rng);
            }
        });
    }

    /** {@inheritDoc} Here: Student-t distractors of location and scale up to about 100. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(DistractorMixture.OUTPUTS, 100);
    }
}
