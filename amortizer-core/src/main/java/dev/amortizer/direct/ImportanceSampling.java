package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.importance.ImportanceWeights;
import dev.amortizer.diagnostics.importance.ParetoKhat;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Self-normalised importance sampling: θᵢ ~ q, wᵢ ∝ p(θᵢ) p(x_o | θᵢ) / q(θᵢ), answered by systematic resampling of
 * the θᵢ by weight. Its reliability is reported as Kish's {@code ess} = (Σw)²/Σw² and the {@code pareto_k} of the
 * weights' tail ({@link ParetoKhat}; above 0.7 the answer should not be trusted).
 *
 * <p>Anytime: the budget counts likelihood evaluations, one per proposal draw (a draw outside the prior's support
 * costs one without calling the likelihood); draws accumulate over the ladder and each answer resamples all of
 * them. The proposal comes from the task through {@code proposalFor}: by default the prior.
 *
 * <p>{@code var answers = ImportanceSampling.withPrior().run(task, xObs, new long[] {10_000, 1_000_000}, 10_000, rng);}
 *
 * @see "Vehtari, Simpson, Gelman, Yao and Gabry (2024), Pareto smoothed importance sampling, JMLR 25(72)"
 */
public final class ImportanceSampling implements DirectMethod {
    private static final long[] DEFAULT_BUDGETS = {10_000, 100_000, 1_000_000};

    private final Function<Task, ImportanceProposal> proposalFor;

    private ImportanceSampling(Function<Task, ImportanceProposal> proposalFor) {
        this.proposalFor = Objects.requireNonNull(proposalFor, "proposalFor");
    }

    /** The prior as proposal. */
    public static ImportanceSampling withPrior() {
        return new ImportanceSampling(task -> ImportanceProposal.prior(task.prior()));
    }

    /** A proposal of the caller's choosing, built per task. */
    public static ImportanceSampling with(Function<Task, ImportanceProposal> proposalFor) {
        return new ImportanceSampling(proposalFor);
    }

    @Override
    public String name() {
        return "importance";
    }

    @Override
    public BudgetUnit unit() {
        return BudgetUnit.LIKELIHOOD_EVALUATIONS;
    }

    @Override
    public long[] defaultBudgets() {
        return DEFAULT_BUDGETS.clone();
    }

    /** Draws, in order: the proposals, then one generator per answer. */
    @Override
    public List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng) {
        long[] ladder = RunArguments.check(task, observation, budgets, numSamples);
        LogLikelihood likelihood = task.likelihood().orElseThrow(() -> new IllegalArgumentException("task " + task.name()
                + " has no tractable likelihood; importance sampling needs log p(x | θ)"));
        long largest = ladder[ladder.length - 1];
        if (largest * task.parameterDim() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("budget " + largest + " is more draws of task " + task.name()
                    + " than importance sampling can hold in memory");
        }
        ImportanceProposal proposal = proposalFor.apply(task);
        PosteriorTarget target = new PosteriorTarget(task.prior(), likelihood, observation);
        Rng proposalRng = rng.split();
        Rng answerRng = rng.split();
        int dim = task.parameterDim();
        double[] thetas = new double[(int) (largest * dim)];
        double[] logWeights = new double[(int) largest];
        int[] drawn = {0};
        SnapshotClock clock = new SnapshotClock();
        List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
        for (long budget : ladder) {
            long before = target.evaluations();
            clock.progress(() -> {
                while (drawn[0] < budget) {
                    double[] theta = proposal.sample(proposalRng);
                    double logQ = proposal.logDensity(theta);
                    double logPi = target.logDensity(theta);
                    logWeights[drawn[0]] = Double.isFinite(logQ) && !Double.isNaN(logPi) ? logPi - logQ : Double.NEGATIVE_INFINITY;
                    System.arraycopy(theta, 0, thetas, drawn[0] * dim, dim);
                    drawn[0]++;
                }
            });
            clock.countLikelihoodEvaluations(target.evaluations() - before);
            Rng snapshotRng = answerRng.split();
            int n = drawn[0];
            answers.add(clock.answer(budget, () -> snapshot(task, thetas, Arrays.copyOf(logWeights, n), numSamples, snapshotRng)));
        }
        return answers;
    }

    private static SnapshotClock.Snapshot snapshot(Task task, double[] thetas, double[] logWeights, int numSamples, Rng rng) {
        int dim = task.parameterDim();
        double ess = ImportanceWeights.effectiveSampleSize(logWeights);
        if (ess == 0) {
            throw new IllegalStateException("all " + logWeights.length + " proposal draws for task " + task.name()
                    + " have zero posterior density; use a proposal that covers the posterior");
        }
        int[] picked = ImportanceWeights.systematicResample(logWeights, numSamples, rng.nextDouble());
        double[][] draws = new double[numSamples][];
        for (int i = 0; i < numSamples; i++) {
            draws[i] = Arrays.copyOfRange(thetas, picked[i] * dim, (picked[i] + 1) * dim);
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("draws", (double) logWeights.length);
        diagnostics.put("ess", ess);
        diagnostics.put("pareto_k", logWeights.length >= 10 ? ParetoKhat.of(logWeights) : Double.NaN);
        return new SnapshotClock.Snapshot(Samples.of(task.parameterNames(), draws), diagnostics);
    }
}
