package dev.amortizer.npe;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.bijection.Bijection;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.npe.mdn.MixtureSampler;
import dev.amortizer.random.Rng;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.Support;
import dev.amortizer.task.Task;
import dev.amortizer.training.Standardization;
import dev.amortizer.training.TrainedPosterior;
import dev.amortizer.training.TrainingProvenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained NPE posterior q(θ | x). θ reaches the estimator through the prior's {@link Bijection} u = T⁻¹(θ) and a
 * z-score z = (u − m)/s, x through a z-score c; so
 *
 * <pre>
 * log q(θ | x) = log q_z(z | c) − Σ log s − log |det ∂θ/∂u|,   θ = T(m + s·z),  z ~ q_z(· | c),
 * </pre>
 *
 * and every draw lies inside the prior's support without any being rejected. With
 * {@link SupportHandling#TRUNCATION} there is no bijection: the estimator was fitted to
 * θ itself, and draws outside the support are redrawn. Where the estimator was fitted to θ folded by a
 * {@link ParameterSymmetry} (recorded in the standardisation), each draw is followed by a uniformly random element of
 * its group and the density is the orbit average (1/|G|) Σ_g q(gθ | x).
 *
 * <p>Immutable and thread-safe: share one instance between threads, each with its own {@link Rng}; the same seed
 * gives the same draws whichever thread asks.
 *
 * <p>{@code Samples draws = posterior.sample(xObserved, 10_000, Rng.seeded(1));}
 */
public final class NpePosterior extends TrainedPosterior<NpeConfig> implements AmortisedDensity {
    /** Give up when fewer than about 1 in this many draws land inside the support (truncation only). */
    private static final long MAX_DRAWS_PER_SAMPLE = 1000;

    private final Bijection bijection;
    private final StandardizedDensity density;
    private final Support support;

    private NpePosterior(Task task, NpeConfig config, Standardization standardization, Bijection bijection,
                         TrainingProvenance provenance, CostLedger costs, StandardizedDensity density) {
        super(task, config, standardization, provenance, costs);
        if (bijection != null && bijection.dim() != task.parameterDim()) {
            throw new IllegalArgumentException("the bijection has " + bijection.dim() + " coordinates; task "
                    + task.name() + " has " + task.parameterDim() + " parameters");
        }
        this.bijection = bijection;
        this.density = density;
        this.support = task.prior().support();
    }

    /**
     * Rebuilds a posterior from its parts, {@code weights} as {@link #weights()} gave them; used by model files.
     * {@code bijection} null for truncation. Inconsistent parts are an IllegalArgumentException naming the
     * mismatch.
     */
    public static NpePosterior restore(Task task, NpeConfig config, Standardization standardization,
                                       Bijection bijection, TrainingProvenance provenance, CostLedger costs,
                                       byte[] weights) {
        return restore(task, config, null, standardization, bijection, provenance, costs, weights);
    }

    /**
     * As {@link #restore(Task, NpeConfig, Standardization, Bijection, TrainingProvenance, CostLedger, byte[])} for a
     * model whose flow is conditioned on a summary network of architecture {@code summary} (null for none); the task
     * must have the data layout the summary network reads.
     */
    public static NpePosterior restore(Task task, NpeConfig config, SummaryConfig summary,
                                       Standardization standardization, Bijection bijection,
                                       TrainingProvenance provenance, CostLedger costs, byte[] weights) {
        if (summary != null) {
            if (config.flow() == null) {
                throw new IllegalArgumentException("a summary network needs a flow estimator, the config has "
                        + config.estimator().label());
            }
            DataLayout layout = task.dataLayout().orElseThrow(() -> new IllegalArgumentException("the model has a "
                    + summary.type().label() + " summary network but task " + task.name() + " has no data layout"));
            return new NpePosterior(task, config, standardization, bijection, provenance, costs,
                    SummarizedDensity.restore(config.flow(), summary, layout, task.parameterDim(), weights));
        }
        int input = standardization.inputWidth(); // x's values, and the moments of its rows where they are read
        StandardizedDensity density = config.estimator() == Estimator.FMPE
                ? FlowMatchingDensity.restore(config, task.parameterDim(), input, weights)
                : config.flow() == null // the MDN
                ? MdnDensity.restore(config, task.parameterDim(), input, weights)
                : config.flow().members() > 1
                ? FlowEnsembleDensity.restore(config.flow(), task.parameterDim(), input, weights)
                : FlowDensity.restore(config.flow(), task.parameterDim(), input, weights);
        return new NpePosterior(task, config, standardization, bijection, provenance, costs, density);
    }

    /** Wraps a freshly trained estimator. */
    static NpePosterior of(Task task, NpeConfig config, Standardization standardization, Bijection bijection,
                           TrainingProvenance provenance, CostLedger costs, StandardizedDensity density) {
        return new NpePosterior(task, config, standardization, bijection, provenance, costs, density);
    }

    /** The same posterior, its provenance recording where the training pairs came from. */
    NpePosterior withSource(dev.amortizer.campaign.SimulationSource source) {
        return new NpePosterior(task, config, standardization, bijection, provenance.withSource(source), costs,
                density);
    }

    /** {@code n} draws from q(θ | x), inside the prior's support, columns named as the task's parameters. */
    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        double[] c = standardization.standardizeX(checked(x));
        double[][] rows;
        if (bijection == null) {
            rows = truncatedDraws(c, n, rng, x);
        } else {
            rows = density.sample(c, n, rng);
            for (int i = 0; i < n; i++) {
                standardization.unstandardizeTheta(rows[i]);
                rows[i] = bijection.forward(rows[i]);
            }
        }
        ParameterSymmetry symmetry = standardization.thetaSymmetry();
        if (symmetry != null) {
            for (double[] row : rows) {
                symmetry.applyRandom(row, rng);
            }
        }
        return Samples.of(task.parameterNames(), rows);
    }

    /**
     * {@code n} draws for {@code x}, counting the estimator's network forward passes on {@code meter} (phase query):
     * one per draw, or FMPE's 4 per RK4 step.
     */
    @Override
    public Samples sample(double[] x, int n, Rng rng, CostMeter meter) {
        Samples draws = sample(x, n, rng);
        meter.countForwardPasses(Phase.QUERY, n * density.passesPerDraw());
        return draws;
    }

    /** {@code n} draws for each observation (a row of {@code xs}), from generators split from {@code rng}. */
    public List<Samples> sample(double[][] xs, int n, Rng rng) {
        Rng[] rngs = rng.split(xs.length);
        List<Samples> out = new ArrayList<>(xs.length);
        for (int k = 0; k < xs.length; k++) {
            out.add(sample(xs[k], n, rngs[k]));
        }
        return out;
    }

    private double[][] truncatedDraws(double[] c, int n, Rng rng, double[] x) {
        if (!(density instanceof MdnDensity mdn)) {
            return truncatedBatches(c, n, rng, x);
        }
        MixtureSampler mixture = mdn.mixture(c);
        int d = task.parameterDim();
        double[][] rows = new double[n][];
        double[] z = new double[d];
        long limit = MAX_DRAWS_PER_SAMPLE * n + 100_000;
        long draws = 0;
        int kept = 0;
        while (kept < n) {
            if (draws++ >= limit) {
                throw new IllegalStateException("the posterior at x = " + Arrays.toString(x) + " puts almost no mass"
                        + " inside the prior support " + support + ": " + kept + " of " + draws
                        + " draws fell inside");
            }
            double[] theta = new double[d];
            mixture.sample(rng, theta, z);
            standardization.unstandardizeTheta(theta);
            if (support.contains(theta)) {
                rows[kept++] = theta;
            }
        }
        return rows;
    }

    /** Truncation for estimators that draw in batches: batches of at least 1,024 until n fall inside. */
    private double[][] truncatedBatches(double[] c, int n, Rng rng, double[] x) {
        double[][] rows = new double[n][];
        int kept = 0;
        long draws = 0;
        long limit = MAX_DRAWS_PER_SAMPLE * n + 100_000;
        while (kept < n) {
            if (draws >= limit) {
                throw new IllegalStateException("the posterior at x = " + Arrays.toString(x) + " puts almost no mass"
                        + " inside the prior support " + support + ": " + kept + " of " + draws
                        + " draws fell inside");
            }
            int batch = Math.max(1024, n - kept);
            double[][] z = density.sample(c, batch, rng);
            draws += batch;
            for (int i = 0; i < batch && kept < n; i++) {
                standardization.unstandardizeTheta(z[i]);
                if (support.contains(z[i])) {
                    rows[kept++] = z[i];
                }
            }
        }
        return rows;
    }

    /**
     * The fraction of {@code n} of the estimator's draws for {@code x}, before any is redrawn, that fall inside the
     * prior's support: an estimate of the mass Z(x) by which a truncated posterior's {@link #logDensity} would be
     * renormalised to the density its draws come from (log q − log Z). 1 without truncation (the bijection puts
     * every draw inside).
     */
    public double supportMass(double[] x, int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (bijection != null) {
            return 1;
        }
        double[][] z = density.sample(standardization.standardizeX(checked(x)), n, rng);
        int inside = 0;
        for (double[] row : z) {
            standardization.unstandardizeTheta(row);
            if (support.contains(row)) {
                inside++;
            }
        }
        return inside / (double) n;
    }

    /** log q(θ | x) in θ's units; −∞ outside the prior's support. */
    public double logDensity(double[] theta, double[] x) {
        return logDensity(new double[][] {theta}, new double[][] {x})[0];
    }

    /**
     * log q(θ_r | x_r) for each row, in θ's units; −∞ outside the prior's support. With truncation it is the
     * estimator's density, not renormalised to the support: the draws' density is q / Z(x), Z estimated by
     * {@link #supportMass}. (Format-1 models are not renormalised for the mass their mixture puts outside the
     * support either.) Where the estimator was fitted to folded θ, the orbit average over the symmetry's group.
     */
    @Override
    public double[] logDensity(double[][] theta, double[][] x) {
        if (theta.length != x.length) {
            throw new IllegalArgumentException(theta.length + " θ rows but " + x.length + " x rows; expected one x per θ");
        }
        ParameterSymmetry symmetry = standardization.thetaSymmetry();
        if (symmetry == null) {
            return estimatorLogDensity(theta, x);
        }
        int g = symmetry.groupSize();
        double[][] images = new double[theta.length * g][];
        double[][] xs = new double[theta.length * g][];
        for (int r = 0; r < theta.length; r++) {
            requireParameters(theta[r], r);
            for (int e = 0; e < g; e++) {
                images[r * g + e] = symmetry.image(theta[r], e);
                xs[r * g + e] = x[r];
            }
        }
        double[] each = estimatorLogDensity(images, xs);
        double[] out = new double[theta.length];
        for (int r = 0; r < theta.length; r++) {
            out[r] = LogMeanExp.of(Arrays.copyOfRange(each, r * g, (r + 1) * g));
        }
        return out;
    }

    /** log q(θ_r | x_r) of the fitted estimator itself, before any symmetrisation. */
    private double[] estimatorLogDensity(double[][] theta, double[][] x) {
        int n = theta.length;
        double[][] z = new double[n][];
        double[][] c = new double[n][];
        double[] correction = new double[n];
        boolean[] inside = new boolean[n];
        for (int r = 0; r < n; r++) {
            requireParameters(theta[r], r);
            c[r] = standardization.standardizeX(checked(x[r]));
            inside[r] = support.contains(theta[r]);
            double[] u = bijection == null ? theta[r] : bijection.inverse(theta[r]);
            z[r] = standardization.standardizeTheta(u);
            correction[r] = standardization.logThetaScale() + (bijection == null ? 0 : bijection.logAbsDetJacobian(u));
        }
        double[] lq = density.logProb(z, c);
        for (int r = 0; r < n; r++) {
            lq[r] = inside[r] ? lq[r] - correction[r] : Double.NEGATIVE_INFINITY;
        }
        return lq;
    }

    private void requireParameters(double[] theta, int row) {
        if (theta.length != task.parameterDim()) {
            throw new IllegalArgumentException("theta row " + (row + 1) + " has " + theta.length + " values, task "
                    + task.name() + " has " + task.parameterDim() + " parameters " + task.parameterNames());
        }
    }

    private double[] checked(double[] x) {
        task.checkObservation(x);
        return x;
    }

    /** The summary network's architecture, or null when the estimator sees the standardised x itself. */
    public SummaryConfig summary() {
        return density instanceof SummarizedDensity d ? d.summaryConfig() : null;
    }

    /** The map from the unconstrained space the estimator works in to θ; null for a format-1 model. */
    public Bijection bijection() {
        return bijection;
    }

    /** What training cost: simulation and training phases. */
    @Override
    public String method() {
        return "npe";
    }

    StandardizedDensity density() {
        return density;
    }

    /** A copy of the estimator's weights as the model file stores them. */
    public byte[] weights() {
        return density.weights();
    }
}
