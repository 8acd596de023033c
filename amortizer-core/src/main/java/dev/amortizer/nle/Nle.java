package dev.amortizer.nle;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.Fitted;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Standardization;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingData;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingRun;
import dev.amortizer.training.TrainingSimulations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Neural likelihood estimation: simulate pairs (θ_i, x_i), z-score both, and fit a conditional flow q(x | θ) by
 * minimising −(1/n) Σ_i log q(x_i | θ_i) with the flow trainer NPE uses, the roles of θ and x swapped
 * ({@link FlowTrainer}: same minibatches, early stopping on a held-out 10%, learning-rate decay). Each query then samples
 * p(θ) q(x_o | θ) by MCMC ({@link SurrogateMcmc}). Pairs with non-finite values are dropped.
 *
 * <p>{@code NlePosterior q = new Nle(Nle.defaultConfig(Estimator.MAF), SurrogateMcmc.defaults()).train(task, 10_000, Rng.seeded(1), meter);}
 *
 * @see <a href="https://arxiv.org/abs/1805.07226">Papamakarios, Sterratt &amp; Murray 2019, Sequential neural
 *     likelihood</a>
 */
public final class Nle implements Amortiser {
    private final NpeConfig config;
    private final SurrogateMcmc mcmc;
    private final TrainingListener listener;

    public Nle(NpeConfig config, SurrogateMcmc mcmc) {
        this(config, mcmc, TrainingListener.NONE);
    }

    private Nle(NpeConfig config, SurrogateMcmc mcmc, TrainingListener listener) {
        if (config == null || config.flow() == null) {
            throw new IllegalArgumentException("NLE needs a flow estimator (maf, nsf or coupling), got "
                    + (config == null ? null : config.estimator().label()));
        }
        if (config.flow().members() > 1) {
            throw new IllegalArgumentException("NLE learns one likelihood flow; an ensemble of "
                    + config.flow().members() + " flows is available for npe only (use 1 member)");
        }
        if (mcmc == null) {
            throw new IllegalArgumentException("mcmc must not be null; use SurrogateMcmc.defaults()");
        }
        this.config = config;
        this.mcmc = mcmc;
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null; use TrainingListener.NONE");
        }
        this.listener = listener;
    }

    /** NPE's flow defaults for {@code estimator} (sbibm's NLE used a MAF of 5 transforms, 2 × 50 hidden). */
    public static NpeConfig defaultConfig(Estimator estimator) {
        if (estimator.flowType() == null) {
            throw new IllegalArgumentException("NLE needs a flow estimator (maf, nsf or coupling), got "
                    + estimator.label());
        }
        return NpeConfig.defaults(estimator);
    }

    /** The same trainer, telling {@code l} how training goes (the command line draws a progress bar from it). */
    @Override
    public Nle withListener(TrainingListener l) {
        return new Nle(config, mcmc, l);
    }

    public NpeConfig config() {
        return config;
    }

    /** "nle-" and the flow, e.g. "nle-maf". */
    @Override
    public String name() {
        return "nle-" + config.estimator().label().toLowerCase(Locale.ROOT);
    }

    @Override
    public NlePosterior train(Task task, int simulations, Rng rng, CostMeter meter) {
        return posterior(task, TrainingRun.simulateAndFit(task, simulations, config.schedule(), rng, meter,
                TrainingData::keptRows, this::fitFlow));
    }

    /**
     * Simulates {@code simulations} pairs (those {@link #train(Task, int, Rng, CostMeter)} draws) into
     * {@code directory} in chunks of {@code chunkRows} rows, then trains on them streamed back, so that memory holds a
     * few chunks and the held-out rows rather than every pair; the model differs from the in-memory one (another
     * held-out rule and minibatch order).
     */
    public NlePosterior trainStreamed(Task task, int simulations, int chunkRows, Path directory, Rng rng,
                                      CostMeter meter) throws IOException {
        return NleStreaming.train(this, task, simulations, chunkRows, directory, rng, meter);
    }

    /** Trains on pairs the caller simulated (row i of theta produced row i of x); costs of training go to meter. */
    public NlePosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter meter) {
        return posterior(task, TrainingRun.fit(sims, config.schedule(), rng, new CostMeter(), meter,
                TrainingData::keptRows, this::fitFlow));
    }

    /** x is the modelled side, θ the context; losses in x's units (the log-Jacobian of x's z-scores added). */
    private Trained<ConditionalFlow> fitFlow(TrainingData data, long seed, Rng shuffle) {
        return FlowTrainer.train(trainingLabel(), config.flow(), config.schedule(),
                data.xGivenTheta(data.training()), data.xGivenTheta(data.heldOut()),
                logXScale(data.standardization()), seed, shuffle, null, listener);
    }

    /** Names the run in training events. */
    String trainingLabel() {
        return "NLE-" + config.estimator().label();
    }

    TrainingListener listener() {
        return listener;
    }

    NlePosterior posterior(Task task, Fitted<ConditionalFlow> f) {
        return NlePosterior.of(task, config, f.standardization(), f.fitted(), f.provenance(), f.ledger(), mcmc);
    }

    /** Σ log s of x's standardisation: what turns a loss in standardised units into x's. */
    static double logXScale(Standardization s) {
        double sum = 0;
        for (double sd : s.xSd()) {
            sum += Math.log(sd);
        }
        return sum;
    }
}
