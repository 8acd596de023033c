package dev.amortizer.point;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.Fitted;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingData;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingRun;
import dev.amortizer.training.TrainingSimulations;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Neural point and quantile estimation in the manner of NeuralEstimators.jl: simulate pairs (θ_i, x_i), z-score
 * both, and train a {@link QuantileNetwork} x ↦ (mean, quantiles) of each parameter to minimise the Bayes risk of
 * the squared loss (giving the posterior mean) plus pinball losses (giving the quantiles, the median among them).
 * Adam on shuffled minibatches, the best validation loss on a held-out 10% kept, the learning rate halved on
 * plateaus, early stopping. Pairs with non-finite values are dropped.
 *
 * <p>{@code PointPosterior q = new PointEstimation(PointConfig.defaults()).train(task, 10_000, Rng.seeded(1), meter);}
 *
 * @see <a href="https://arxiv.org/abs/2310.02600">Sainsbury-Dale, Zammit-Mangion &amp; Huser 2024, Likelihood-free
 *     parameter estimation with neural Bayes estimators</a>
 */
public final class PointEstimation implements Amortiser {
    /** Names the run in training events. */
    static final String LABEL = "point";

    private final PointConfig config;
    private final TrainingListener listener;

    public PointEstimation(PointConfig config) {
        this(config, TrainingListener.NONE);
    }

    private PointEstimation(PointConfig config, TrainingListener listener) {
        if (config == null || listener == null) {
            throw new IllegalArgumentException("config and listener must not be null; use PointConfig.defaults() and"
                    + " TrainingListener.NONE");
        }
        this.config = config;
        this.listener = listener;
    }

    /** The same trainer, telling {@code l} how training goes (the command line draws a progress bar from it). */
    @Override
    public PointEstimation withListener(TrainingListener l) {
        return new PointEstimation(config, l);
    }

    @Override
    public String name() {
        return LABEL;
    }

    public PointConfig config() {
        return config;
    }

    @Override
    public PointPosterior train(Task task, int simulations, Rng rng, CostMeter meter) {
        return posterior(task, TrainingRun.simulateAndFit(task, simulations, config.schedule(), rng, meter,
                TrainingData::keptRows, (data, seed, shuffle) -> fitNetwork(task, data, seed, shuffle)));
    }

    /** Trains on pairs the caller simulated (row i of theta produced row i of x). */
    public PointPosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter meter) {
        return posterior(task, TrainingRun.fit(sims, config.schedule(), rng, new CostMeter(), meter,
                TrainingData::keptRows, (data, seed, shuffle) -> fitNetwork(task, data, seed, shuffle)));
    }

    /**
     * Simulates {@code simulations} pairs (those {@link #train} draws) into {@code directory} in chunks of
     * {@code chunkRows} rows, then trains on them streamed back, so that memory holds a few chunks and the held-out
     * rows rather than every pair; the model differs from the in-memory one (another held-out rule and minibatch
     * order).
     */
    public PointPosterior trainStreamed(Task task, int simulations, int chunkRows, Path directory, Rng rng,
                                        CostMeter meter) throws IOException {
        return PointStreaming.train(this, task, simulations, chunkRows, directory, rng, meter);
    }

    /** x ↦ (mean, quantiles) of θ, both standardised; the best validation weights are left in place. */
    private Trained<QuantileNetwork> fitNetwork(Task task, TrainingData data, long seed, Rng shuffle) {
        QuantileNetwork net = network(task, seed);
        PointObjective objective = new PointObjective(net, data.x(), data.theta(), data.x(), data.theta(),
                data.heldOut());
        return new Trained<>(net, EpochLoop.runReshuffling(LABEL, config.schedule(), objective, data.training(),
                shuffle, listener));
    }

    /** The untrained network, its initial weights from {@code seed}. */
    QuantileNetwork network(Task task, long seed) {
        return QuantileNetwork.create(task.dataDim(), task.parameterDim(), config.levels(), config.hiddenWidths(),
                config.activation(), Rng.seeded(seed));
    }

    TrainingListener listener() {
        return listener;
    }

    PointPosterior posterior(Task task, Fitted<QuantileNetwork> f) {
        return PointPosterior.of(task, config, f.standardization(), f.fitted(), f.provenance(), f.ledger());
    }
}
