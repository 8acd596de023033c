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
import java.util.List;
import java.util.stream.IntStream;

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
        return "point";
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

    /** x ↦ (mean, quantiles) of θ, both standardised; the best validation weights are left in place. */
    private Trained<QuantileNetwork> fitNetwork(Task task, TrainingData data, long seed, Rng shuffle) {
        QuantileNetwork net = QuantileNetwork.create(task.dataDim(), task.parameterDim(), config.levels(),
                config.hiddenWidths(), config.activation(), Rng.seeded(seed));
        double[][] c = data.x();
        double[][] z = data.theta();
        int[] held = data.heldOut();
        EpochLoop.Objective objective = new EpochLoop.Objective() {
            @Override
            public List<double[]> parameters() {
                return net.parameters();
            }

            @Override
            public double[][] gradient(int[] rows, int from, int to, Rng stepRng) {
                double[][] grads = EpochLoop.zeroGradient(net.parameters());
                net.loss(c, z, rows, from, to, grads);
                return grads;
            }

            @Override
            public double validationLoss() {
                return PointEstimation.validationLoss(net, c, z, held);
            }
        };
        return new Trained<>(net, EpochLoop.runReshuffling("point", config.schedule(), objective, data.training(),
                shuffle, listener));
    }

    private PointPosterior posterior(Task task, Fitted<QuantileNetwork> f) {
        return PointPosterior.of(task, config, f.standardization(), f.fitted(), f.provenance(), f.ledger());
    }

    private static double validationLoss(QuantileNetwork net, double[][] c, double[][] z, int[] held) {
        int parts = (held.length + 1023) / 1024;
        return IntStream.range(0, parts).parallel().mapToDouble(k -> {
            int from = k * 1024;
            int to = Math.min(held.length, from + 1024);
            return net.loss(c, z, held, from, to, null) * (to - from);
        }).sum() / held.length;
    }
}
