package dev.amortizer.direct;

import dev.amortizer.campaign.SimulationCampaign;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.direct.truncation.HighProbabilityRegion;
import dev.amortizer.direct.truncation.TruncatedPrior;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingSimulations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Truncated sequential neural posterior estimation (TSNPE) for one observation x_o, as Deistler et al. (2022). A
 * budget of B simulations is spent in R rounds of about B/R each. Round 1 draws θ from the prior p(θ); every later
 * round draws θ from the prior truncated to the current estimate's highest-probability region, {θ : log q(θ | x_o)
 * ≥ τ} with τ the ε-quantile of log q over 10,000 draws of q(· | x_o) ({@link HighProbabilityRegion}, sampled by
 * {@link TruncatedPrior}: rejection from the prior, or a documented box fallback when too few prior draws land in
 * the region). Each round simulates its θ and fits NPE on all pairs so far with the ordinary loss
 * −Σ log q(θᵢ | xᵢ): inside the region a truncated prior is proportional to the prior, so the posterior it implies
 * at x_o is the true one there and no correction of the loss is needed (the region keeps 1 − ε of q's mass). The
 * answer is the last round's q(· | x_o), drawn inside the prior's support.
 *
 * <p>Density estimator: one configuration, no candidate selection (which would multiply every round's training);
 * by default {@link NpeConfig#defaultsFor(int)}, the library's measured NPE default: the mixture density network for
 * D ≤ 3 (on two_moons the most accurate of its estimators, and cheap to evaluate, which the region's 10,000 draws
 * and the rejection sampler's log q evaluations need each round), the neural spline flow above (sbibm's SNPE
 * estimator); the MDN's minibatch sized to the round's pairs ({@link NpeConfig#mdnBatchFor}) as the default NPE sizes
 * it to its simulations, and without the default's mean shift: on two_moons it made TSNPE less accurate, 0.562 against
 * 0.549 over sbibm's 10 observations (results/tsnpe.md). Rounds: 10, sbibm's. Each round trains a fresh network.
 * {@link Config#withWarmStart(boolean) withWarmStart(true)} (method {@code tsnpe-warm}) does as sbi by default ({@code retrain_from_scratch=False}):
 * every round after the first continues training the previous round's network ({@link Npe#startingFrom}: its
 * weights, the first round's standardisation, early stopping as usual); on two_moons that took about 30% fewer
 * epochs but was less accurate (amortizer-bench's results/tsnpe.md), so it is not the default. Training, not
 * simulation, dominates the wall time of a cheap simulator.
 *
 * <p>Anytime: each budget of the ladder is its own run of R rounds with its own generator, so the answer at b is
 * distributed as a run with budget b alone would give (identical for the ladder's first rung), and its cost (simulator calls = b, wall and CPU time of simulating,
 * truncating and training) counts that run alone. Diagnostics: {@code rounds}, {@code region_prior_mass} (the last
 * truncation's estimated P(region) under the prior), {@code fallback_rounds}, {@code validation_loss} of the last
 * fit, {@code warm_start} (1 or 0), {@code training_epochs} over all rounds and {@code round_r_epochs} for each,
 * {@code invalid_simulations}.
 *
 * <p>{@code var answers = Tsnpe.of(Tsnpe.Config.defaults()).run(task, xObs, new long[] {10_000}, 10_000, rng);}
 *
 * @see "Deistler, Goncalves and Macke (2022), Truncated proposals for scalable and hassle-free simulation-based
 *     inference, NeurIPS"
 */
public final class Tsnpe implements DirectMethod {
    /** The ladder's rungs: simulations per query, as sbibm's budgets (with 3·10³ between). */
    private static final long[] DEFAULT_BUDGETS = {1_000, 3_000, 10_000};
    /** Fewer pairs per round leave NPE too little to train and validate on. */
    public static final int MIN_SIMULATIONS_PER_ROUND = 20;

    /**
     * @param rounds      R, rounds per run (1..100); the first draws from the prior
     * @param epsilon     ε, the mass of q left outside the region, in (0, 1)
     * @param regionDraws draws of q(· | x_o) that set τ, 100..10⁶
     * @param npe         the density estimator, or null for {@link NpeConfig#defaultsFor(int)} of the task's D
     * @param sampling    how the truncated prior is drawn
     * @param warmStart   whether each round after the first continues training the previous round's network (its
     *                    weights and the first round's standardisation), as sbi does by default, rather than
     *                    training a fresh one
     */
    public record Config(int rounds, double epsilon, int regionDraws, NpeConfig npe, TruncatedPrior.Settings sampling,
                         boolean warmStart) {
        public Config {
            if (rounds < 1 || rounds > 100) {
                throw new IllegalArgumentException("rounds is " + rounds + ", expected 1..100");
            }
            if (!(epsilon > 0 && epsilon < 1)) {
                throw new IllegalArgumentException("epsilon is " + epsilon + ", expected (0, 1)");
            }
            if (regionDraws < 100 || regionDraws > 1_000_000) {
                throw new IllegalArgumentException("regionDraws is " + regionDraws + ", expected 100..1000000");
            }
            Objects.requireNonNull(sampling, "sampling");
        }

        /**
         * The paper's and sbibm's: 10 rounds, ε = 10⁻⁴ over 10,000 draws, the NPE default for D, default sampling;
         * every round trained from scratch (warm-started rounds were less accurate on two_moons: amortizer-bench's
         * results/tsnpe.md).
         */
        public static Config defaults() {
            return new Config(10, 1e-4, 10_000, null, TruncatedPrior.Settings.defaults(), false);
        }

        public Config withRounds(int r) {
            return new Config(r, epsilon, regionDraws, npe, sampling, warmStart);
        }

        public Config withNpe(NpeConfig estimator) {
            return new Config(rounds, epsilon, regionDraws, estimator, sampling, warmStart);
        }

        public Config withRegionDraws(int draws) {
            return new Config(rounds, epsilon, draws, npe, sampling, warmStart);
        }

        public Config withSampling(TruncatedPrior.Settings s) {
            return new Config(rounds, epsilon, regionDraws, npe, s, warmStart);
        }

        public Config withWarmStart(boolean warm) {
            return new Config(rounds, epsilon, regionDraws, npe, sampling, warm);
        }

        /** The smallest budget this configuration runs: {@value #MIN_SIMULATIONS_PER_ROUND} per round. */
        public long minimumBudget() {
            return (long) MIN_SIMULATIONS_PER_ROUND * rounds;
        }
    }

    private final Config config;

    private Tsnpe(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static Tsnpe of(Config config) {
        return new Tsnpe(config);
    }

    public Config config() {
        return config;
    }

    /** "tsnpe", or "tsnpe-warm" with warm-started rounds. */
    @Override
    public String name() {
        return config.warmStart() ? "tsnpe-warm" : "tsnpe";
    }

    @Override
    public BudgetUnit unit() {
        return BudgetUnit.SIMULATOR_CALLS;
    }

    @Override
    public long[] defaultBudgets() {
        return DEFAULT_BUDGETS.clone();
    }

    /** {@value #MIN_SIMULATIONS_PER_ROUND} simulations per round. */
    @Override
    public long minimumBudget() {
        return config.minimumBudget();
    }

    /** The library default's MDN without its mean shift, which cost TSNPE accuracy; a flow as it is. */
    private static NpeConfig withoutMeanShift(NpeConfig npe) {
        return npe.estimator() == Estimator.MDN ? npe.withMeanShift(false) : npe;
    }

    /** Draws, in order: one generator per budget's run, then one per answer. */
    @Override
    public List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng) {
        long[] ladder = RunArguments.check(task, observation, budgets, numSamples);
        for (long b : ladder) {
            if (b < config.minimumBudget() || b > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name() + " budget " + b + " is outside " + config.minimumBudget() + ".."
                        + Integer.MAX_VALUE + " simulations (at least " + MIN_SIMULATIONS_PER_ROUND + " per round over "
                        + config.rounds() + " rounds)");
            }
        }
        NpeConfig npe = config.npe() != null ? config.npe()
                : withoutMeanShift(NpeConfig.defaultsFor(task.parameterDim()));
        // The library's default MDN is sized to each round's pairs as the default NPE sizes it to its simulations.
        boolean sized = config.npe() == null && npe.estimator() == Estimator.MDN;
        Rng[] runRngs = rng.split(ladder.length);
        Rng[] answerRngs = rng.split(ladder.length);
        List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
        for (int j = 0; j < ladder.length; j++) {
            long budget = ladder[j];
            Rounds run = new Rounds(task, observation, npe, sized, runRngs[j]);
            SnapshotClock clock = new SnapshotClock();
            clock.progress(() -> spendOrExplain(run, (int) budget));
            clock.countSimulations(budget);
            Rng answerRng = answerRngs[j];
            answers.add(clock.answer(budget, () -> run.snapshot(numSamples, answerRng)));
        }
        return answers;
    }

    /**
     * A run that cannot go on (a region holding too little prior mass to sample, a fit that diverged) depends on the
     * task and the budget the user chose, so it is reported as bad input (exit 2 on the command line), not as a fault.
     */
    private static void spendOrExplain(Rounds run, int budget) {
        try {
            run.spend(budget);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("TSNPE at " + budget + " simulations could not continue: "
                    + e.getMessage() + " (a larger budget gives each round more simulations)", e);
        }
    }

    /** One run's rounds: the pairs so far and the last fit. */
    private final class Rounds {
        private final Task task;
        private final double[] observation;
        private final NpeConfig npe;
        private final boolean sized;
        private final Rng rng;
        private final List<double[]> theta = new ArrayList<>();
        private final List<double[]> x = new ArrayList<>();
        private NpePosterior q;
        private TruncatedPrior lastTruncation;
        private int fallbackRounds;
        private final List<Integer> roundEpochs = new ArrayList<>();

        Rounds(Task task, double[] observation, NpeConfig npe, boolean sized, Rng rng) {
            this.task = task;
            this.observation = observation.clone();
            this.npe = npe;
            this.sized = sized;
            this.rng = rng;
        }

        void spend(int budget) {
            for (int r = 0; r < config.rounds(); r++) {
                int size = budget / config.rounds() + (r < budget % config.rounds() ? 1 : 0);
                Rng roundRng = rng.split();
                Prior proposal = q == null ? task.prior() : truncatedPrior(roundRng.split());
                TrainingSimulations sims = TrainingSimulations.simulate(SimulationCampaign.inMemory(),
                        withPrior(task, proposal), size, roundRng.split(), new CostMeter());
                theta.addAll(Arrays.asList(sims.theta()));
                x.addAll(Arrays.asList(sims.x()));
                Npe fit = new Npe(sized ? npe.withBatchSize(NpeConfig.mdnBatchFor(theta.size())) : npe);
                Npe trainer = config.warmStart() ? fit.startingFrom(q) : fit;
                q = trainer.train(task, theta.toArray(double[][]::new), x.toArray(double[][]::new), List.of(),
                        roundRng.split(), new CostMeter());
                roundEpochs.add(q.provenance().epochs());
            }
        }

        /** The prior truncated to the current q's region at x_o. */
        private TruncatedPrior truncatedPrior(Rng truncationRng) {
            double[][] draws = q.sample(observation, config.regionDraws(), truncationRng.split()).toArray();
            HighProbabilityRegion region = HighProbabilityRegion.of(draws, rows -> {
                double[][] xs = new double[rows.length][];
                Arrays.fill(xs, observation);
                return q.logDensity(rows, xs);
            }, config.epsilon());
            lastTruncation = TruncatedPrior.of(task.prior(), region, config.sampling(), truncationRng.split());
            fallbackRounds += lastTruncation.usesFallback() ? 1 : 0;
            return lastTruncation;
        }

        SnapshotClock.Snapshot snapshot(int numSamples, Rng answerRng) {
            Samples draws = q.sample(observation, numSamples, answerRng);
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("rounds", (double) config.rounds());
            diagnostics.put("region_prior_mass", lastTruncation == null ? 1.0 : lastTruncation.pilotAcceptance());
            diagnostics.put("fallback_rounds", (double) fallbackRounds);
            diagnostics.put("validation_loss", q.provenance().validationLoss());
            diagnostics.put("warm_start", config.warmStart() ? 1.0 : 0.0);
            diagnostics.put("training_epochs", (double) roundEpochs.stream().mapToInt(Integer::intValue).sum());
            for (int r = 0; r < roundEpochs.size(); r++) {
                diagnostics.put("round_" + (r + 1) + "_epochs", (double) roundEpochs.get(r));
            }
            diagnostics.put("invalid_simulations", (double) q.provenance().invalidSimulations());
            return new SnapshotClock.Snapshot(draws, diagnostics);
        }
    }

    /** The task with {@code prior} in place of its own: the simulator and all else unchanged. */
    private static Task withPrior(Task task, Prior prior) {
        return new ForwardingTask(task) {
            @Override
            public Prior prior() {
                return prior;
            }
        };
    }
}
