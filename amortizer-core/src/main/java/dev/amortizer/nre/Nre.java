package dev.amortizer.nre;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.amortiser.TrainingSimulations;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.nn.EarlyStopping;
import dev.amortizer.npe.NpeProvenance;
import dev.amortizer.npe.StandardizedSplit;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;

/**
 * Neural ratio estimation: simulate pairs (θ_i, x_i), z-score both, and train a classifier f(θ, x) to tell the
 * jointly drawn pair among contrastive candidates ({@link RatioClassifier}, NRE-B or NRE-C loss), with Adam,
 * early stopping on a held-out 10% and learning-rate decay ({@link EarlyStopping}). At the optimum f is the log
 * ratio log p(x | θ)/p(x), so each query samples p(θ) exp f(θ, x_o) by MCMC ({@link SurrogateMcmc}). Pairs with
 * non-finite values are dropped.
 *
 * <p>{@code NrePosterior q = new Nre(NreConfig.defaults(NreLoss.B), SurrogateMcmc.defaults()).train(task, 10_000, Rng.seeded(1), meter);}
 *
 * @see <a href="https://arxiv.org/abs/1903.04057">Hermans, Begy &amp; Louppe 2020, Likelihood-free MCMC with
 *     amortized approximate ratio estimators</a>
 */
public final class Nre implements Amortiser {
    private static final double GRADIENT_CLIP = 5.0;
    /** Seeds the contrastive sets of every validation pass, so that the validation loss is comparable. */
    private static final long VALIDATION_SEED = 0x5eed_cafeL;

    private final NreConfig config;
    private final SurrogateMcmc mcmc;

    public Nre(NreConfig config, SurrogateMcmc mcmc) {
        if (config == null || mcmc == null) {
            throw new IllegalArgumentException("config and mcmc must not be null; use NreConfig.defaults(loss) and"
                    + " SurrogateMcmc.defaults()");
        }
        this.config = config;
        this.mcmc = mcmc;
    }

    /** "nre-b" or "nre-c". */
    @Override
    public String name() {
        return "nre-" + config.loss().label();
    }

    public NreConfig config() {
        return config;
    }

    @Override
    public NrePosterior train(Task task, int simulations, Rng rng, CostMeter meter) {
        CostMeter run = new CostMeter();
        TrainingSimulations sims = TrainingSimulations.simulate(task, simulations, rng.split(), run);
        return fit(task, sims, rng.split(), run, meter);
    }

    /** Trains on pairs the caller simulated (row i of theta produced row i of x). */
    public NrePosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter meter) {
        return fit(task, sims, rng, new CostMeter(), meter);
    }

    @SuppressWarnings("try")
    private NrePosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter run, CostMeter meter) {
        StandardizedSplit data;
        RatioClassifier classifier;
        long seed;
        EarlyStopping.Result result;
        try (var timer = run.start(Phase.TRAINING)) {
            data = StandardizedSplit.of(sims, config.validationFraction(), rng.split());
            double[][] z = data.theta();
            double[][] c = data.x();
            seed = rng.nextLong();
            classifier = RatioClassifier.create(task.parameterDim(), task.dataDim(), config.hiddenWidths(),
                    config.activation(), Rng.seeded(seed));
            RatioClassifier net = classifier;
            int[] held = data.heldOut();
            EarlyStopping.Objective objective = new EarlyStopping.Objective() {
                @Override
                public void gradient(int[] rows, int from, int to, double[][] grads, Rng stepRng) {
                    net.loss(config, z, c, rows, from, to, grads, stepRng);
                }

                @Override
                public double validationLoss() {
                    Rng contrasts = Rng.seeded(VALIDATION_SEED);
                    int parts = (held.length + config.batchSize() - 1) / config.batchSize();
                    double sum = 0;
                    for (int k = 0; k < parts; k++) {
                        int from = k * config.batchSize();
                        int to = Math.min(held.length, from + config.batchSize());
                        sum += net.loss(config, z, c, held, from, to, null, contrasts.split()) * (to - from);
                    }
                    return sum / held.length;
                }
            };
            EarlyStopping schedule = new EarlyStopping(config.batchSize(), config.learningRate(), GRADIENT_CLIP,
                    config.maxEpochs(), config.patience(), config.decayFactor(), config.decayPatience());
            result = schedule.train(classifier.parameters(), objective, data.training(), rng.split());
            int sets = config.loss() == NreLoss.C ? 2 : 1;
            run.countForwardPasses(Phase.TRAINING, (long) result.epochs() * z.length * config.atoms() * sets);
        }
        meter.add(run.ledger());
        NpeProvenance provenance = data.provenance(seed, result.epochs(), result.bestEpoch(),
                result.bestValidationLoss());
        return NrePosterior.of(task, config, data.standardization(), classifier, provenance, run.ledger(), mcmc);
    }
}
