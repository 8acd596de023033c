package dev.amortizer.point;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.amortiser.TrainingSimulations;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.nn.EarlyStopping;
import dev.amortizer.npe.NpeProvenance;
import dev.amortizer.npe.StandardizedSplit;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
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
    private static final double GRADIENT_CLIP = 5.0;
    private final PointConfig config;

    public PointEstimation(PointConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null; use PointConfig.defaults()");
        }
        this.config = config;
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
        CostMeter run = new CostMeter();
        TrainingSimulations sims = TrainingSimulations.simulate(task, simulations, rng.split(), run);
        return fit(task, sims, rng.split(), run, meter);
    }

    /** Trains on pairs the caller simulated (row i of theta produced row i of x). */
    public PointPosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter meter) {
        return fit(task, sims, rng, new CostMeter(), meter);
    }

    @SuppressWarnings("try")
    private PointPosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter run, CostMeter meter) {
        StandardizedSplit data;
        QuantileNetwork net;
        long seed;
        EarlyStopping.Result result;
        try (var timer = run.start(Phase.TRAINING)) {
            data = StandardizedSplit.of(sims, config.validationFraction(), rng.split());
            seed = rng.nextLong();
            net = QuantileNetwork.create(task.dataDim(), task.parameterDim(), config.levels(), config.hiddenWidths(),
                    config.activation(), Rng.seeded(seed));
            result = optimise(net, data.x(), data.theta(), data.training(), data.heldOut(), rng.split());
            run.countForwardPasses(Phase.TRAINING, (long) result.epochs() * data.keptRows());
        }
        meter.add(run.ledger());
        NpeProvenance provenance = data.provenance(seed, result.epochs(), result.bestEpoch(),
                result.bestValidationLoss());
        return PointPosterior.of(task, config, data.standardization(), net, provenance, run.ledger());
    }

    /** Trains {@code net} in place, leaving the weights of the best validation loss. */
    private EarlyStopping.Result optimise(QuantileNetwork net, double[][] c, double[][] z, int[] train, int[] held, Rng shuffle) {
        EarlyStopping schedule = new EarlyStopping(config.batchSize(), config.learningRate(), GRADIENT_CLIP,
                config.maxEpochs(), config.patience(), config.decayFactor(), config.decayPatience());
        EarlyStopping.Objective objective = new EarlyStopping.Objective() {
            @Override
            public void gradient(int[] rows, int from, int to, double[][] grads, Rng rng) {
                net.loss(c, z, rows, from, to, grads);
            }

            @Override
            public double validationLoss() {
                return PointEstimation.validationLoss(net, c, z, held);
            }
        };
        return schedule.train(net.parameters(), objective, train, shuffle);
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
