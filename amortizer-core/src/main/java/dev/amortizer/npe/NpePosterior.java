package dev.amortizer.npe;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.data.Samples;
import dev.amortizer.npe.mdn.DenseForward;
import dev.amortizer.npe.mdn.MixtureDensity;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.npe.mdn.MixtureNllLoss;
import dev.amortizer.npe.mdn.MixtureSampler;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Support;
import dev.amortizer.task.Task;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;

/**
 * A trained NPE posterior q(θ | x): a full-covariance Gaussian mixture whose parameters a network
 * computes from the standardised x, mapped back to θ's units and truncated to the prior's support.
 *
 * <p>A query runs the network once, in plain Java, then draws from the mixture and redraws any θ
 * outside {@code task.prior().support()}. Immutable and thread-safe: share one instance between
 * threads, each with its own {@link Rng}.
 *
 * <p>{@code Samples draws = posterior.sample(xObserved, 10_000, Rng.seeded(1));}
 */
public final class NpePosterior implements Posterior {
    /** Give up when fewer than about 1 in this many draws land inside the support. */
    private static final long MAX_DRAWS_PER_SAMPLE = 1000;

    private final Task task;
    private final NpeConfig config;
    private final Standardization standardization;
    private final NpeProvenance provenance;
    private final CostLedger costs;
    private final byte[] networkBytes;
    private final MixtureLayout layout;
    private final DenseForward forward;
    private final Support support;

    private NpePosterior(Task task, NpeConfig config, Standardization standardization, NpeProvenance provenance,
                         CostLedger costs, byte[] networkBytes, MultiLayerNetwork network) {
        this.task = task;
        this.config = config;
        this.standardization = standardization;
        this.provenance = provenance;
        this.costs = costs;
        this.networkBytes = networkBytes;
        this.layout = new MixtureLayout(config.components(), task.parameterDim());
        this.support = task.prior().support();
        checkLayers(task, config, standardization, layout, network);
        this.forward = DenseForward.of(network, config.activation());
        checkShape(task, config, layout, forward);
    }

    /**
     * Rebuilds a posterior from its parts, {@code networkBytes} as {@link ModelSerializer#writeModel} wrote
     * them; used by model files. Inconsistent parts are an IllegalArgumentException naming the mismatch.
     */
    public static NpePosterior restore(Task task, NpeConfig config, Standardization standardization,
                                       NpeProvenance provenance, CostLedger costs, byte[] networkBytes) {
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(networkBytes), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the network weights cannot be read: " + e, e);
        }
        return new NpePosterior(task, config, standardization, provenance, costs, networkBytes.clone(), network);
    }

    /** Wraps a freshly trained network. */
    static NpePosterior of(Task task, NpeConfig config, Standardization standardization, NpeProvenance provenance,
                           CostLedger costs, MultiLayerNetwork network) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NpePosterior(task, config, standardization, provenance, costs, bytes.toByteArray(), network);
    }

    private static void checkLayers(Task task, NpeConfig config, Standardization s, MixtureLayout layout,
                                    MultiLayerNetwork network) {
        if (s.thetaMean().length != task.parameterDim() || s.xMean().length != task.dataDim()) {
            throw new IllegalArgumentException("standardisation has " + s.thetaMean().length + " θ and "
                    + s.xMean().length + " x columns; task " + task.name() + " has " + task.parameterDim() + " and "
                    + task.dataDim());
        }
        int layers = network.getnLayers();
        if (layers != config.hiddenWidths().size() + 1) {
            throw new IllegalArgumentException("the network has " + layers + " layers; the config's hidden widths "
                    + config.hiddenWidths() + " need " + (config.hiddenWidths().size() + 1));
        }
        for (int l = 0; l < layers; l++) {
            var conf = network.getLayer(l).conf().getLayer();
            var expected = l < layers - 1 ? config.activation().dl4j() : Activation.IDENTITY;
            if (!(conf instanceof BaseLayer base)
                    || !base.getActivationFn().equals(expected.getActivationFunction())) {
                throw new IllegalArgumentException("network layer " + l + " is " + conf + ", expected a dense layer"
                        + " with activation " + expected);
            }
        }
        if (!(network.getLayer(layers - 1).conf().getLayer() instanceof BaseOutputLayer out)
                || !new MixtureNllLoss(layout).equals(out.getLossFn())) {
            throw new IllegalArgumentException("the network's output layer does not compute a " + layout + " mixture");
        }
    }

    private static void checkShape(Task task, NpeConfig config, MixtureLayout layout, DenseForward shape) {
        if (shape.inputDim() != task.dataDim() || shape.outputDim() != layout.width()
                || !shape.hiddenWidths().equals(config.hiddenWidths())) {
            throw new IllegalArgumentException("the network maps " + shape.inputDim() + " inputs through "
                    + shape.hiddenWidths() + " to " + shape.outputDim() + " outputs; task " + task.name()
                    + " and the config need " + task.dataDim() + " through " + config.hiddenWidths() + " to "
                    + layout.width());
        }
    }

    @Override
    public int parameterDim() {
        return task.parameterDim();
    }

    /** {@code n} draws from q(θ | x) restricted to the prior's support, columns named as the task's parameters. */
    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        MixtureSampler mixture = MixtureSampler.of(layout, forward.apply(standardization.standardizeX(checked(x))));
        int d = layout.dim();
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
        return Samples.of(task.parameterNames(), rows);
    }

    /**
     * log q(θ | x) of the mixture in θ's units; −∞ outside the prior's support. Not renormalised for
     * the mass the mixture puts outside the support, which {@link #sample} redraws.
     */
    public double logDensity(double[] theta, double[] x) {
        if (theta.length != layout.dim()) {
            throw new IllegalArgumentException("theta has " + theta.length + " values, task " + task.name()
                    + " has " + layout.dim() + " parameters " + task.parameterNames());
        }
        double[] raw = forward.apply(standardization.standardizeX(checked(x)));
        if (!support.contains(theta)) {
            return Double.NEGATIVE_INFINITY;
        }
        return MixtureDensity.logDensity(layout, raw, 0, standardization.standardizeTheta(theta), 0)
                - standardization.logThetaScale();
    }

    private double[] checked(double[] x) {
        task.checkObservation(x);
        return x;
    }

    public Task task() {
        return task;
    }

    public NpeConfig config() {
        return config;
    }

    public Standardization standardization() {
        return standardization;
    }

    public NpeProvenance provenance() {
        return provenance;
    }

    /** What training cost: simulation and training phases. */
    public CostLedger costLedger() {
        return costs;
    }

    /** A copy of the network as {@link ModelSerializer#writeModel} wrote it (no updater state). */
    public byte[] networkBytes() {
        return networkBytes.clone();
    }
}
