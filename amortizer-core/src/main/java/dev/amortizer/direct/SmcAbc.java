package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.direct.mcmc.CholeskyFactor;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sequential Monte Carlo ABC (population Monte Carlo) as Beaumont et al. (2009), with sbibm's settings.
 *
 * <ol>
 *   <li>Population 0: simulate M₀ = clip(5N, N, max(B/2, N)) pairs θ ~ p(θ), x ~ p(x | θ) and keep the N nearest
 *       x_o in d(x, x_o) = ‖(x − x_o)/s‖₂ (s the SDs of those M₀ simulations), with equal weights.</li>
 *   <li>Population t: the tolerance εₜ is the 20 % quantile of population t − 1's distances; draw a particle θⱼ
 *       by weight, perturb it θ* = θⱼ + N(0, Σ) with Σ = 2 · 0.5 · (the weighted covariance of population t − 1),
 *       redraw while p(θ*) = 0, simulate x* and keep θ* when d(x*, x_o) ≤ εₜ, until N are kept. Weights:
 *       wᵢ ∝ p(θᵢ) / Σⱼ w′ⱼ N(θᵢ; θ′ⱼ, Σ).</li>
 * </ol>
 *
 * <p>N is 100 when the largest budget B is at most 10,000 simulations and 1,000 above (sbibm). Anytime: one run
 * follows the ladder; at a budget inside population 0 the answer is the N nearest simulations so far (rejection
 * ABC); inside a later population, its particles kept so far filled up to N by resampling population t − 1 (sbibm's
 * {@code use_last_pop_samples}). Answers are the population resampled by weight (systematically, then
 * repeated evenly to the draws asked for), or with {@code kde} drawn from a Gaussian KDE (Scott's factor) on that
 * resample, redrawn where outside the prior's support. sbibm smooths with a cross-validated bandwidth; Scott's
 * factor over-smooths two_moons' crescents (C2ST ≈ 0.9 at 10⁵ simulations on observations 1–3, ≈ 0.67 by resampling), so
 * resampling is the default. Diagnostics: {@code population},
 * {@code epsilon}, {@code ess} of the weights, {@code population_size}.
 *
 * <p>{@code var answers = SmcAbc.of(SmcAbc.Config.defaults()).run(task, xObs, new long[] {10_000, 100_000}, 10_000, rng);}
 *
 * <p>Over 300 lines because the population loop ({@code Run}) carries state that every anytime answer reads.
 *
 * @see "Beaumont, Cornuet, Marin and Robert (2009), Adaptive approximate Bayesian computation, Biometrika 96(4), 983–990"
 * @see "Lueckmann et al. (2021), Benchmarking simulation-based inference, AISTATS (sbibm's SMC-ABC settings)"
 */
public final class SmcAbc implements DirectMethod {
    private static final long[] DEFAULT_BUDGETS = {1_000, 3_000, 10_000, 30_000, 100_000};
    private static final int MAX_SUPPORT_ATTEMPTS = 10_000;

    /**
     * @param epsilonQuantile       the quantile of the last population's distances that sets the next tolerance, (0, 1)
     * @param kernelVarianceScale   the factor on twice the weighted covariance, > 0
     * @param initialRoundFactor    M₀ = this × N before clipping, ≥ 1
     * @param kde                   draw answers from a KDE on the population (else resample the particles by weight)
     */
    public record Config(double epsilonQuantile, double kernelVarianceScale, int initialRoundFactor, boolean kde) {
        public Config {
            if (!(epsilonQuantile > 0 && epsilonQuantile < 1)) {
                throw new IllegalArgumentException("epsilonQuantile is " + epsilonQuantile + ", expected (0, 1)");
            }
            if (!(kernelVarianceScale > 0 && kernelVarianceScale < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("kernelVarianceScale is " + kernelVarianceScale + ", expected > 0");
            }
            if (initialRoundFactor < 1) {
                throw new IllegalArgumentException("initialRoundFactor is " + initialRoundFactor + ", expected >= 1");
            }
        }

        /** sbibm's: quantile 0.2, kernel variance scale 0.5, initial round 5N; resampling, no KDE (see the class doc). */
        public static Config defaults() {
            return new Config(0.2, 0.5, 5, false);
        }

        public Config withKde(boolean newKde) {
            return new Config(epsilonQuantile, kernelVarianceScale, initialRoundFactor, newKde);
        }
    }

    private final Config config;

    private SmcAbc(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static SmcAbc of(Config config) {
        return new SmcAbc(config);
    }

    @Override
    public String name() {
        return "smc-abc";
    }

    @Override
    public BudgetUnit unit() {
        return BudgetUnit.SIMULATOR_CALLS;
    }

    @Override
    public long[] defaultBudgets() {
        return DEFAULT_BUDGETS.clone();
    }

    /** Draws, in order: the population-0 simulations, the later populations, the answers. */
    @Override
    public List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng) {
        long[] ladder = RunArguments.check(task, observation, budgets, numSamples);
        long largest = ladder[ladder.length - 1];
        int populationSize = largest > 10_000 ? 1_000 : 100;
        populationSize = (int) Math.min(populationSize, largest);
        long initialRound = Math.max(populationSize, Math.min((long) config.initialRoundFactor() * populationSize,
                Math.max(largest / 2, populationSize)));
        Run state = new Run(task, observation, populationSize, initialRound, rng.split(), rng.split());
        Rng answerRng = rng.split();
        SnapshotClock clock = new SnapshotClock();
        List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
        for (long budget : ladder) {
            long before = state.simulated();
            clock.progress(() -> state.advanceTo(budget));
            clock.countSimulations(state.simulated() - before);
            Rng snapshotRng = answerRng.split();
            answers.add(clock.answer(budget, () -> state.snapshot(numSamples, snapshotRng)));
        }
        return answers;
    }

    /** One SMC-ABC run's populations. */
    private final class Run {
        private final Task task;
        private final Prior prior;
        private final double[] observation;
        private final int n;
        private final long initialRound;
        private final BatchedSimulations initial;
        private final SimulationArchive archive;
        private final Rng rng;
        private double[] scale;
        private double[][] particles;
        private double[] weights;
        private double[] distances;
        private int population;
        private long perturbedSimulations;
        private double epsilon = Double.NaN;
        private CholeskyFactor kernel;
        private double[][] kernelPrecision;
        private final List<double[]> nextParticles = new ArrayList<>();
        private final List<Double> nextDistances = new ArrayList<>();

        Run(Task task, double[] observation, int n, long initialRound, Rng initialRng, Rng rng) {
            this.task = task;
            this.prior = task.prior();
            this.observation = observation.clone();
            this.n = n;
            this.initialRound = initialRound;
            this.initial = new BatchedSimulations(prior, task.simulator(), 1_000, initialRng);
            this.archive = new SimulationArchive(task.parameterDim(), task.dataDim());
            this.rng = rng;
        }

        long simulated() {
            return initial.simulated() + perturbedSimulations;
        }

        void advanceTo(long budget) {
            initial.simulateUntil(Math.min(budget, initialRound), archive);
            if (simulated() < initialRound) {
                return;
            }
            if (particles == null) {
                finishInitialPopulation();
            }
            while (simulated() < budget) {
                double[] theta = perturbInsideSupport();
                double[] x = task.simulator().simulate(theta, rng);
                perturbedSimulations++;
                double d = distance(x);
                if (d <= epsilon) {
                    nextParticles.add(theta);
                    nextDistances.add(d);
                    if (nextParticles.size() == n) {
                        finishPopulation();
                    }
                }
            }
        }

        private void finishInitialPopulation() {
            if (archive.size() < n) {
                throw new IllegalStateException("only " + archive.size() + " of " + initialRound + " simulations of task "
                        + task.name() + " are finite; SMC-ABC needs at least " + n);
            }
            scale = archive.scale();
            SimulationArchive.Nearest nearest = archive.nearest(observation, n);
            particles = new double[n][];
            for (int i = 0; i < n; i++) {
                particles[i] = archive.parameters(nearest.rows()[i]);
            }
            distances = nearest.distances().clone();
            weights = new double[n];
            Arrays.fill(weights, 1.0 / n);
            startNextPopulation();
        }

        private void finishPopulation() {
            double[][] next = nextParticles.toArray(double[][]::new);
            double[] newWeights = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                double mixture = 0;
                for (int j = 0; j < particles.length; j++) {
                    mixture += weights[j] * Math.exp(-0.5 * mahalanobis(next[i], particles[j]));
                }
                newWeights[i] = Math.exp(prior.logDensity(next[i])) / mixture;
                total += newWeights[i];
            }
            for (int i = 0; i < n; i++) {
                newWeights[i] /= total;
            }
            particles = next;
            weights = newWeights;
            distances = nextDistances.stream().mapToDouble(Double::doubleValue).toArray();
            population++;
            startNextPopulation();
        }

        private void startNextPopulation() {
            nextParticles.clear();
            nextDistances.clear();
            double[] sorted = distances.clone();
            Arrays.sort(sorted);
            epsilon = sorted[(int) Math.floor(config.epsilonQuantile() * (sorted.length - 1))];
            double[][] covariance = Covariances.weighted(particles, weights, task.parameterDim());
            Covariances.scale(covariance, 2 * config.kernelVarianceScale());
            kernel = CholeskyFactor.of(covariance);
            kernelPrecision = new org.apache.commons.math3.linear.LUDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(kernel.covariance()))
                    .getSolver().getInverse().getData();
        }

        private double[] perturbInsideSupport() {
            for (int attempt = 0; attempt < MAX_SUPPORT_ATTEMPTS; attempt++) {
                double[] theta = kernel.perturb(particles[pick(weights, rng.nextDouble())], rng);
                if (prior.logDensity(theta) > Double.NEGATIVE_INFINITY) {
                    return theta;
                }
            }
            throw new IllegalStateException(MAX_SUPPORT_ATTEMPTS + " perturbed particles in a row fell outside the prior"
                    + " support of task " + task.name());
        }

        private double mahalanobis(double[] a, double[] b) {
            int d = a.length;
            double s = 0;
            for (int i = 0; i < d; i++) {
                double row = 0;
                for (int j = 0; j < d; j++) {
                    row += kernelPrecision[i][j] * (a[j] - b[j]);
                }
                s += (a[i] - b[i]) * row;
            }
            return s;
        }

        private double distance(double[] x) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double z = (x[j] - observation[j]) / scale[j];
                s += z * z;
            }
            return Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.sqrt(s);
        }

        SnapshotClock.Snapshot snapshot(int numSamples, Rng answerRng) {
            double[][] population;
            double[] populationWeights;
            if (particles == null) {
                if (archive.size() == 0) {
                    throw new IllegalStateException("no finite simulation of task " + task.name() + " yet; SMC-ABC has nothing to keep");
                }
                SimulationArchive.Nearest nearest = archive.nearest(observation, Math.min(n, archive.size()));
                population = new double[nearest.rows().length][];
                for (int i = 0; i < population.length; i++) {
                    population[i] = archive.parameters(nearest.rows()[i]);
                }
                populationWeights = new double[population.length];
                Arrays.fill(populationWeights, 1.0 / population.length);
            } else {
                population = particles;
                populationWeights = weights;
            }
            double[][] resampled = new double[n][];
            int fresh = Math.min(nextParticles.size(), n);
            for (int i = 0; i < fresh; i++) {
                resampled[i] = nextParticles.get(i);
            }
            double u = answerRng.nextDouble();
            int left = n - fresh;
            for (int i = 0; i < left; i++) {
                resampled[fresh + i] = population[pick(populationWeights, (i + u) / left)];
            }
            double[][] draws = new double[numSamples][];
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            if (!config.kde()) {
                for (int i = 0; i < numSamples; i++) {
                    draws[i] = resampled[(int) ((long) i * n / numSamples)].clone();
                }
            }
            GaussianKde kde = GaussianKde.scott(resampled, task.parameterDim());
            for (int i = 0; config.kde() && i < numSamples; i++) {
                double[] theta;
                int attempts = 0;
                do {
                    if (++attempts > MAX_SUPPORT_ATTEMPTS) {
                        throw new IllegalStateException(MAX_SUPPORT_ATTEMPTS + " KDE draws in a row fell outside the prior"
                                + " support of task " + task.name());
                    }
                    theta = kde.sample(answerRng);
                } while (!(prior.logDensity(theta) > Double.NEGATIVE_INFINITY));
                draws[i] = theta;
            }
            double sumSquares = 0;
            for (double w : populationWeights) {
                sumSquares += w * w;
            }
            diagnostics.put("population", (double) this.population);
            diagnostics.put("epsilon", epsilon);
            diagnostics.put("ess", 1 / sumSquares);
            diagnostics.put("population_size", (double) n);
            diagnostics.put("kde_factor", config.kde() ? kde.factor() : Double.NaN);
            return new SnapshotClock.Snapshot(Samples.of(task.parameterNames(), draws), diagnostics);
        }
    }

    /** The index whose cumulative weight first exceeds {@code point} ∈ [0, 1). */
    private static int pick(double[] weights, double point) {
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (point < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
