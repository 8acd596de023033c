package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rejection ABC: simulate θᵢ ~ p(θ), xᵢ ~ p(x | θᵢ) and keep the θᵢ whose xᵢ are nearest x_o in
 * d(xᵢ, x_o) = ‖(xᵢ − x_o) / s‖₂, s the per-coordinate SD of all simulated x; the kept θ sample
 * p(θ | d(x, x_o) ≤ ε) with ε the largest kept distance. The answer is drawn from a Gaussian KDE
 * on the kept θ with Scott's bandwidth (draws outside the prior's support are redrawn), or
 * resampled from them with replacement when the KDE is off.
 *
 * <p>Anytime: the budget counts simulator calls; simulations accumulate across budgets and each
 * answer re-selects the nearest from all of them, with s recomputed. Simulations with a NaN or
 * infinite output are paid for, dropped and counted. Every simulation is kept in memory:
 * budget × max(D, d) values. Diagnostics: {@code kept}, {@code epsilon} (in standardised units),
 * {@code invalid_simulations} and, with the KDE, {@code kde_factor} h and
 * {@code kde_support_rejection_rate}.
 *
 * <p>{@code var answers = RejectionAbc.of(RejectionAbc.Config.defaults()).run(task, xObs, new long[] {1_000, 100_000}, 10_000, rng);}
 *
 * @see "Pritchard, Seielstad, Perez-Lezaun and Feldman (1999), Population growth of human Y chromosomes: a study
 *     of Y chromosome microsatellites, Mol. Biol. Evol. 16(12), 1791–1798"
 */
public final class RejectionAbc implements DirectMethod {
    /** sbibm's budgets, the benchmark's documented ladder; the last is {@code infer}'s default budget. */
    private static final long[] DEFAULT_BUDGETS = {1_000, 10_000, 100_000};

    /**
     * @param batchSize            simulations per batch (each batch has its own generators), > 0
     * @param acceptance           which simulations to keep
     * @param kde                  draw the answer from a KDE on the kept θ (otherwise resample them)
     * @param maxAttemptsPerDraw   KDE proposals allowed per draw before giving up on the prior's support, > 0
     */
    public record Config(int batchSize, AbcAcceptance acceptance, boolean kde, int maxAttemptsPerDraw) {
        public Config {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize is " + batchSize + ", expected > 0");
            }
            Objects.requireNonNull(acceptance, "acceptance");
            if (maxAttemptsPerDraw <= 0) {
                throw new IllegalArgumentException("maxAttemptsPerDraw is " + maxAttemptsPerDraw + ", expected > 0");
            }
        }

        /** sbibm's settings: batches of 1,000, keep the 100 closest, KDE with Scott's bandwidth. */
        public static Config defaults() {
            return new Config(1_000, AbcAcceptance.closest(100), true, 1_000);
        }

        public Config withAcceptance(AbcAcceptance newAcceptance) {
            return new Config(batchSize, newAcceptance, kde, maxAttemptsPerDraw);
        }

        public Config withKde(boolean useKde) {
            return new Config(batchSize, acceptance, useKde, maxAttemptsPerDraw);
        }

        public Config withBatchSize(int newBatchSize) {
            return new Config(newBatchSize, acceptance, kde, maxAttemptsPerDraw);
        }
    }

    private final Config config;

    private RejectionAbc(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static RejectionAbc of(Config config) {
        return new RejectionAbc(config);
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return "rejection-abc";
    }

    @Override
    public BudgetUnit unit() {
        return BudgetUnit.SIMULATOR_CALLS;
    }

    @Override
    public long[] defaultBudgets() {
        return DEFAULT_BUDGETS.clone();
    }

    /** Draws, in order: one generator for the simulations, then one per answer. */
    @Override
    public List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng) {
        long[] ladder = RunArguments.check(task, observation, budgets, numSamples);
        long largest = ladder[ladder.length - 1];
        long capacity = SimulationArchive.capacity(task.parameterDim(), task.dataDim());
        if (largest > capacity) {
            throw new IllegalArgumentException("budget " + largest + " is more simulations of task " + task.name()
                    + " than rejection ABC can hold in memory (at most " + capacity + ")");
        }
        Rng simulationRng = rng.split();
        Rng answerRng = rng.split();
        BatchedSimulations simulations = new BatchedSimulations(task.prior(), task.simulator(), config.batchSize(), simulationRng);
        SimulationArchive archive = new SimulationArchive(task.parameterDim(), task.dataDim());
        SnapshotClock clock = new SnapshotClock();
        List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
        for (long budget : ladder) {
            long before = simulations.simulated();
            clock.progress(() -> simulations.simulateUntil(budget, archive));
            clock.countSimulations(simulations.simulated() - before);
            Rng snapshotRng = answerRng.split();
            answers.add(clock.answer(budget, () -> snapshot(task, observation, archive, numSamples, snapshotRng)));
        }
        return answers;
    }

    private SnapshotClock.Snapshot snapshot(Task task, double[] observation, SimulationArchive archive, int numSamples,
                                            Rng rng) {
        if (archive.size() == 0) {
            throw new IllegalStateException("all " + archive.invalid() + " simulations of task " + task.name()
                    + " returned NaN or infinite output; rejection ABC has nothing to keep");
        }
        SimulationArchive.Nearest nearest = archive.nearest(observation, config.acceptance().keptCount(archive.size()));
        double[][] kept = new double[nearest.rows().length][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = archive.parameters(nearest.rows()[i]);
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("kept", (double) kept.length);
        diagnostics.put("epsilon", nearest.distances()[kept.length - 1]);
        diagnostics.put("invalid_simulations", (double) archive.invalid());
        double[][] draws = new double[numSamples][];
        if (config.kde()) {
            GaussianKde kde = GaussianKde.scott(kept, task.parameterDim());
            long proposals = drawInsideSupport(kde, task, draws, rng);
            diagnostics.put("kde_factor", kde.factor());
            diagnostics.put("kde_support_rejection_rate", 1 - (double) numSamples / proposals);
        } else {
            for (int i = 0; i < numSamples; i++) {
                draws[i] = kept[rng.nextInt(kept.length)].clone();
            }
        }
        return new SnapshotClock.Snapshot(Samples.of(task.parameterNames(), draws), diagnostics);
    }

    /** Fills {@code draws} from the KDE, redrawing outside the prior's support; returns the proposals made. */
    private long drawInsideSupport(GaussianKde kde, Task task, double[][] draws, Rng rng) {
        Prior prior = task.prior();
        long proposals = 0;
        for (int i = 0; i < draws.length; i++) {
            int attempts = 0;
            double[] theta;
            do {
                if (attempts == config.maxAttemptsPerDraw()) {
                    throw new IllegalStateException(attempts + " KDE proposals in a row fell outside the prior support of task "
                            + task.name() + "; switch the KDE off (Config.withKde(false)), or keep more simulations to narrow"
                            + " its bandwidth");
                }
                theta = kde.sample(rng);
                attempts++;
            } while (!(prior.logDensity(theta) > Double.NEGATIVE_INFINITY));
            proposals += attempts;
            draws[i] = theta;
        }
        return proposals;
    }
}
