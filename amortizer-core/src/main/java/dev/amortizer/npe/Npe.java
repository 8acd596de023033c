package dev.amortizer.npe;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.Arrays;

/**
 * Neural posterior estimation with a mixture density network: simulate pairs (θ_i, x_i) from the
 * prior and simulator, then fit q(θ | x) = Σ_k w_k(x) N(θ; μ_k(x), Σ_k(x)) by minimising
 * −(1/n) Σ_i log q(θ_i | x_i) on z-scored θ and x. Pairs whose x is NaN or infinite are dropped
 * and counted; 10% (by default) are held out for early stopping.
 *
 * <p>{@code NpePosterior q = new Npe(NpeConfig.defaults()).train(task, 10_000, Rng.seeded(1), meter);}
 *
 * <p>Costs go to the meter given: {@link Phase#SIMULATION} (wall, CPU, simulator calls) and
 * {@link Phase#TRAINING} (wall, CPU, forward passes); the posterior carries the same ledger.
 * A progress bar on stderr shows epochs and the validation loss when the JVM has a console, or when
 * asked for with {@link #withProgressBar}.
 *
 * @see <a href="https://arxiv.org/abs/1605.06376">Papamakarios &amp; Murray 2016, Fast ε-free inference of
 *     simulation models with Bayesian conditional density estimation</a>
 */
public final class Npe {
    /** Simulations drawn from one split generator: large enough to amortise the split, small enough to stream. */
    static final int SIMULATION_BATCH = 1000;

    private final NpeConfig config;
    private final boolean progressBar;

    public Npe(NpeConfig config) {
        this(config, System.console() != null);
    }

    private Npe(NpeConfig config, boolean progressBar) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null; use NpeConfig.defaults()");
        }
        this.config = config;
        this.progressBar = progressBar;
    }

    /** The same trainer, with the progress bar forced on or off. */
    public Npe withProgressBar(boolean show) {
        return new Npe(config, show);
    }

    public NpeConfig config() {
        return config;
    }

    /** Simulates {@code numSimulations} pairs from the task's prior and simulator, then trains on them. */
    @SuppressWarnings("try") // the timer only needs closing
    public NpePosterior train(Task task, int numSimulations, Rng rng, CostMeter meter) {
        if (numSimulations < 2) {
            throw new IllegalArgumentException("numSimulations must be >= 2, got " + numSimulations);
        }
        CostMeter run = new CostMeter();
        double[][] theta = new double[numSimulations][];
        double[][] x = new double[numSimulations][];
        Rng[] batches = rng.split((numSimulations + SIMULATION_BATCH - 1) / SIMULATION_BATCH);
        try (var timer = run.start(Phase.SIMULATION)) {
            for (int b = 0; b < batches.length; b++) {
                int start = b * SIMULATION_BATCH;
                int size = Math.min(SIMULATION_BATCH, numSimulations - start);
                double[][] t = task.prior().sample(size, batches[b]);
                double[][] sims = task.simulator().simulate(t, batches[b]);
                System.arraycopy(t, 0, theta, start, size);
                System.arraycopy(sims, 0, x, start, size);
            }
        }
        run.countSimulations(Phase.SIMULATION, numSimulations);
        return fit(task, theta, x, rng, run, meter);
    }

    /** Trains on pairs the caller simulated: row i of {@code theta} produced row i of {@code x}. */
    public NpePosterior fit(Task task, Samples theta, Samples x, Rng rng, CostMeter meter) {
        if (theta.dim() != task.parameterDim()) {
            throw new IllegalArgumentException("theta has " + theta.dim() + " columns " + theta.names() + "; task "
                    + task.name() + " has " + task.parameterDim() + " parameters " + task.parameterNames());
        }
        if (x.dim() != task.dataDim()) {
            throw new IllegalArgumentException("x has " + x.dim() + " columns " + x.names() + "; task "
                    + task.name() + " has " + task.dataDim() + " data columns " + task.dataNames());
        }
        if (theta.size() != x.size()) {
            throw new IllegalArgumentException("theta has " + theta.size() + " rows but x has " + x.size()
                    + "; expected one x row per θ row");
        }
        return fit(task, theta.toArray(), x.toArray(), rng, new CostMeter(), meter);
    }

    @SuppressWarnings("try")
    private NpePosterior fit(Task task, double[][] theta, double[][] x, Rng rng, CostMeter run, CostMeter meter) {
        Trained t;
        try (var timer = run.start(Phase.TRAINING)) {
            t = fitTimed(task, theta, x, rng, run);
        }
        meter.add(run.ledger());
        return NpePosterior.of(task, config, t.standardization(), t.provenance(), run.ledger(),
                t.result().network());
    }

    private record Trained(Standardization standardization, NpeProvenance provenance, MdnTrainer.Result result) {
    }

    private Trained fitTimed(Task task, double[][] theta, double[][] x, Rng rng, CostMeter run) {
        int[] valid = validRows(task, theta, x);
        int invalid = theta.length - valid.length;
        int validation = (int) Math.max(1, Math.round(config.validationFraction() * valid.length));
        if (valid.length - validation < 1) {
            throw new IllegalArgumentException("need at least 2 pairs with finite x to train and validate, got "
                    + valid.length + " (" + invalid + " of " + theta.length + " dropped for NaN or infinite x)");
        }
        Standardization s = Standardization.fit(theta, x, valid);
        rng.shuffle(valid);
        MdnTrainer.Pairs trainPairs = pairs(s, theta, x, Arrays.copyOfRange(valid, validation, valid.length));
        MdnTrainer.Pairs heldPairs = pairs(s, theta, x, Arrays.copyOfRange(valid, 0, validation));
        long seed = rng.nextLong();
        MixtureLayout layout = new MixtureLayout(config.components(), task.parameterDim());
        MdnTrainer.Result r = MdnTrainer.train(config, layout, trainPairs, heldPairs, s.logThetaScale(), seed,
                rng.split(), progressBar);
        run.countForwardPasses(Phase.TRAINING, (long) r.epochs() * valid.length);
        NpeProvenance provenance = new NpeProvenance(seed, theta.length, invalid, r.epochs(), r.bestEpoch(),
                r.bestValidationLoss(), NpeProvenance.currentLibraryVersion());
        return new Trained(s, provenance, r);
    }

    /** Indices of the pairs with finite x; a non-finite θ or a row of the wrong length is the caller's error. */
    private static int[] validRows(Task task, double[][] theta, double[][] x) {
        int[] keep = new int[theta.length];
        int n = 0;
        for (int i = 0; i < theta.length; i++) {
            if (theta[i].length != task.parameterDim() || x[i].length != task.dataDim()) {
                throw new IllegalArgumentException("pair " + (i + 1) + " has " + theta[i].length + " θ and "
                        + x[i].length + " x values; task " + task.name() + " has " + task.parameterDim() + " and "
                        + task.dataDim());
            }
            for (double v : theta[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("theta row " + (i + 1) + " holds " + v
                            + "; parameters must be finite (only x may hold failed simulations)");
                }
            }
            boolean finite = true;
            for (double v : x[i]) {
                finite &= Double.isFinite(v);
            }
            if (finite) {
                keep[n++] = i;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    private static MdnTrainer.Pairs pairs(Standardization s, double[][] theta, double[][] x, int[] rows) {
        MdnTrainer.Pairs p = new MdnTrainer.Pairs(rows.length, x[rows[0]].length, theta[rows[0]].length);
        for (int i = 0; i < rows.length; i++) {
            p.set(i, s.standardizeX(x[rows[i]]), s.standardizeTheta(theta[rows[i]]));
        }
        return p;
    }
}
