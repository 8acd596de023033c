package dev.amortizer.nre;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.amortiser.SurrogateMcmc;
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
 * Neural ratio estimation: simulate pairs (θ_i, x_i), z-score both, and train a classifier f(θ, x) to tell the
 * jointly drawn pair among contrastive candidates ({@link RatioClassifier}, NRE-B or NRE-C loss), with Adam,
 * early stopping on a held-out 10% and learning-rate decay ({@link EpochLoop}). At the optimum f is the log
 * ratio log p(x | θ)/p(x), so each query samples p(θ) exp f(θ, x_o) by MCMC ({@link SurrogateMcmc}). Pairs with
 * non-finite values are dropped.
 *
 * <p>{@code NrePosterior q = new Nre(NreConfig.defaults(NreLoss.B), SurrogateMcmc.defaults()).train(task, 10_000, Rng.seeded(1), meter);}
 *
 * @see <a href="https://arxiv.org/abs/1903.04057">Hermans, Begy &amp; Louppe 2020, Likelihood-free MCMC with
 *     amortized approximate ratio estimators</a>
 */
public final class Nre implements Amortiser {
    private final NreConfig config;
    private final SurrogateMcmc mcmc;
    private final TrainingListener listener;

    public Nre(NreConfig config, SurrogateMcmc mcmc) {
        this(config, mcmc, TrainingListener.NONE);
    }

    private Nre(NreConfig config, SurrogateMcmc mcmc, TrainingListener listener) {
        if (config == null || mcmc == null || listener == null) {
            throw new IllegalArgumentException("config, mcmc and listener must not be null; use"
                    + " NreConfig.defaults(loss), SurrogateMcmc.defaults() and TrainingListener.NONE");
        }
        this.config = config;
        this.mcmc = mcmc;
        this.listener = listener;
    }

    /** The same trainer, telling {@code l} how training goes (the command line draws a progress bar from it). */
    @Override
    public Nre withListener(TrainingListener l) {
        return new Nre(config, mcmc, l);
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
        return posterior(task, TrainingRun.simulateAndFit(task, simulations, config.schedule(), rng, meter,
                this::passesPerEpoch, (data, seed, shuffle) -> fitClassifier(task, data, seed, shuffle)));
    }

    /** Trains on pairs the caller simulated (row i of theta produced row i of x). */
    public NrePosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter meter) {
        return posterior(task, TrainingRun.fit(sims, config.schedule(), rng, new CostMeter(), meter,
                this::passesPerEpoch, (data, seed, shuffle) -> fitClassifier(task, data, seed, shuffle)));
    }

    /** Each pair is scored against {@code atoms} candidates, twice for NRE-C (its second, all-marginal set). */
    private long passesPerEpoch(TrainingData data) {
        return passesPerEpoch(data.simulations());
    }

    private Trained<RatioClassifier> fitClassifier(Task task, TrainingData data, long seed, Rng shuffle) {
        double[][] z = data.theta();
        double[][] c = data.x();
        RatioClassifier net = RatioClassifier.create(task.parameterDim(), task.dataDim(), config.hiddenWidths(),
                config.activation(), Rng.seeded(seed));
        EpochLoop.Objective objective = new RatioObjective(net, config, z, c, z, c, data.heldOut());
        return new Trained<>(net, EpochLoop.runReshuffling(trainingLabel(),
                config.schedule(), objective, data.training(), shuffle, listener));
    }

    /**
     * Simulates {@code simulations} pairs (those {@link #train} draws) into {@code directory} in chunks of
     * {@code chunkRows} rows, then trains on them streamed back, so that memory holds a few chunks and the held-out
     * rows rather than every pair; the model differs from the in-memory one (another held-out rule, contrastive sets
     * drawn within windows of chunks).
     */
    public NrePosterior trainStreamed(Task task, int simulations, int chunkRows, Path directory, Rng rng,
                                      CostMeter meter) throws IOException {
        return NreStreaming.train(this, task, simulations, chunkRows, directory, rng, meter);
    }

    /** Names the run in training events. */
    String trainingLabel() {
        return name().toUpperCase(java.util.Locale.ROOT);
    }

    TrainingListener listener() {
        return listener;
    }

    /** Forward passes per epoch over {@code pairs} pairs: each scored against its atoms, twice for NRE-C. */
    long passesPerEpoch(long pairs) {
        return pairs * config.atoms() * (config.loss() == NreLoss.C ? 2 : 1);
    }

    NrePosterior posterior(Task task, Fitted<RatioClassifier> f) {
        return NrePosterior.of(task, config, f.standardization(), f.fitted(), f.provenance(), f.ledger(), mcmc);
    }
}
