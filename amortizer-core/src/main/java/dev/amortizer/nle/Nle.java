package dev.amortizer.nle;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.amortiser.TrainingSimulations;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.npe.Estimator;
import dev.amortizer.npe.FlowTrainer;
import dev.amortizer.npe.NpeConfig;
import dev.amortizer.npe.NpeProvenance;
import dev.amortizer.npe.Standardization;
import dev.amortizer.npe.StandardizedSplit;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.Locale;

/**
 * Neural likelihood estimation: simulate pairs (θ_i, x_i), z-score both, and fit a conditional flow q(x | θ) by
 * minimising −(1/n) Σ_i log q(x_i | θ_i) with the NPE flow trainer, the roles of θ and x swapped ({@link FlowTrainer}:
 * same minibatches, early stopping on a held-out 10%, learning-rate decay). Each query then samples
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
    private final boolean progressBar;

    public Nle(NpeConfig config, SurrogateMcmc mcmc) {
        this(config, mcmc, System.console() != null);
    }

    private Nle(NpeConfig config, SurrogateMcmc mcmc, boolean progressBar) {
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
        this.progressBar = progressBar;
    }

    /** NPE's flow defaults for {@code estimator} (sbibm's NLE used a MAF of 5 transforms, 2 × 50 hidden). */
    public static NpeConfig defaultConfig(Estimator estimator) {
        if (estimator.flowType() == null) {
            throw new IllegalArgumentException("NLE needs a flow estimator (maf, nsf or coupling), got "
                    + estimator.label());
        }
        return NpeConfig.defaults(estimator);
    }

    /** The same trainer with the progress bar forced on or off. */
    public Nle withProgressBar(boolean show) {
        return new Nle(config, mcmc, show);
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
        CostMeter run = new CostMeter();
        TrainingSimulations sims = TrainingSimulations.simulate(task, simulations, rng.split(), run);
        return fit(task, sims, rng.split(), run, meter);
    }

    /** Trains on pairs the caller simulated (row i of theta produced row i of x); costs of training go to meter. */
    public NlePosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter meter) {
        return fit(task, sims, rng, new CostMeter(), meter);
    }

    @SuppressWarnings("try")
    private NlePosterior fit(Task task, TrainingSimulations sims, Rng rng, CostMeter run, CostMeter meter) {
        StandardizedSplit data;
        FlowTrainer.Result r;
        long seed;
        try (var timer = run.start(Phase.TRAINING)) {
            data = StandardizedSplit.of(sims, config.validationFraction(), rng.split());
            seed = rng.nextLong();
            r = FlowTrainer.train("NLE-" + config.estimator().label(), config, rows(data, data.training()),
                    rows(data, data.heldOut()), logXScale(data.standardization()), seed, rng.split(), progressBar,
                    null, 0, null);
            run.countForwardPasses(Phase.TRAINING, (long) r.epochs() * data.keptRows());
        }
        meter.add(run.ledger());
        NpeProvenance provenance = data.provenance(seed, r.epochs(), r.bestEpoch(), r.bestValidationLoss());
        return NlePosterior.of(task, config, data.standardization(), r.flow(), provenance, run.ledger(), mcmc);
    }

    private static double logXScale(Standardization s) {
        double sum = 0;
        for (double sd : s.xSd()) {
            sum += Math.log(sd);
        }
        return sum;
    }

    /** x is the modelled side (z), θ the context (c). */
    private static FlowTrainer.Rows rows(StandardizedSplit data, int[] rows) {
        double[][] z = new double[rows.length][];
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            z[i] = data.x()[rows[i]];
            c[i] = data.theta()[rows[i]];
        }
        return new FlowTrainer.Rows(z, c);
    }
}
