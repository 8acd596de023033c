package dev.amortizer.point;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.nn.WeightLists;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Support;
import dev.amortizer.task.Task;
import dev.amortizer.training.Standardization;
import dev.amortizer.training.TrainedPosterior;
import dev.amortizer.training.TrainingProvenance;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained neural point estimator: x ↦ the posterior mean, median and quantiles of each parameter
 * ({@link #estimate}), one forward pass per query.
 *
 * <p>Asked for draws, it answers with θ_j = Q_j(U_j), U_j uniform and independent across parameters, Q_j the
 * quantile function through parameter j's learned quantiles ({@link QuantileFunction}), clamped to the prior's
 * support. The marginals are right to the extent the quantiles are; the dependence between parameters is ignored,
 * so the draws are a product of marginals, not the joint posterior (C2ST penalises it wherever the posterior is
 * correlated). Immutable and thread-safe.
 *
 * <p>{@code PointEstimate e = posterior.estimate(xObserved); double[] lo = e.quantile(0.05), hi = e.quantile(0.95);}
 */
public final class PointPosterior extends TrainedPosterior<PointConfig> implements AmortisedPosterior {
    private final QuantileNetwork network;

    private PointPosterior(Task task, PointConfig config, Standardization standardization, QuantileNetwork network,
                           TrainingProvenance provenance, CostLedger costs) {
        super(task, config, standardization, provenance, costs);
        this.network = network;
    }

    static PointPosterior of(Task task, PointConfig config, Standardization standardization, QuantileNetwork network,
                             TrainingProvenance provenance, CostLedger costs) {
        return new PointPosterior(task, config, standardization, network, provenance, costs);
    }

    /** Rebuilds a posterior from a model file's parts, {@code weights} as {@link #weights()} gave them. */
    public static PointPosterior restore(Task task, PointConfig config, Standardization standardization,
                                         TrainingProvenance provenance, CostLedger costs, List<double[]> weights) {
        QuantileNetwork net = QuantileNetwork.restore(task.dataDim(), task.parameterDim(), config.levels(),
                config.hiddenWidths(), config.activation(), weights);
        return new PointPosterior(task, config, standardization, net, provenance, costs);
    }

    /** The mean, median and quantiles of each parameter at observation {@code x}, in θ's units. */
    public PointEstimate estimate(double[] x) {
        task.checkObservation(x);
        double[][] out = network.predict(standardization.standardizeX(x));
        int d = task.parameterDim();
        int l = config.levels().length;
        double[] sd = standardization.thetaSd();
        double[] m = standardization.thetaMean();
        double[] mean = new double[d];
        double[][] q = new double[d][l];
        for (int j = 0; j < d; j++) {
            mean[j] = m[j] + sd[j] * out[j][0];
            for (int k = 0; k < l; k++) {
                q[j][k] = m[j] + sd[j] * out[j][k + 1];
            }
        }
        return new PointEstimate(config.levels(), mean, q);
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        return sample(x, n, rng, new CostMeter());
    }

    /** Independent draws from each parameter's learned quantile function (see the class comment); one forward pass. */
    @Override
    public Samples sample(double[] x, int n, Rng rng, CostMeter meter) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        PointEstimate e = estimate(x);
        meter.countForwardPasses(Phase.QUERY, 1);
        int d = task.parameterDim();
        double[] levels = config.levels();
        List<QuantileFunction> marginals = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            marginals.add(new QuantileFunction(levels, e.quantilesOf(j)));
        }
        Support support = task.prior().support();
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = marginals.get(j).at(Math.min(rng.nextOpenDouble(), 1 - 1e-12));
                rows[i][j] = Math.min(support.upper(j), Math.max(support.lower(j), v));
            }
        }
        return Samples.of(task.parameterNames(), rows);
    }

    @Override
    public String method() {
        return "point";
    }

    /** A copy of the network's weights, in {@link #restore}'s order. */
    public List<double[]> weights() {
        return WeightLists.copyOf(network.parameters());
    }
}
