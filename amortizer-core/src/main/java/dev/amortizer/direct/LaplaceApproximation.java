package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.direct.mcmc.CholeskyFactor;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * MAP estimation with multiple starts plus a Laplace approximation at each mode found, in unconstrained space.
 *
 * <p>Each start (a prior draw, mapped to u) is climbed by Commons Math's Polak–Ribière conjugate gradient on
 * log π_u ({@link UnconstrainedPosterior}). At each distinct optimum û (closer than 10⁻³ in every coordinate counts
 * as the same), the Hessian H of log π_u comes from central differences of the gradient (2D gradient evaluations),
 * and the mode's Gaussian is N(û, (−H)⁻¹) (negative curvatures are floored at 10⁻⁸ of the largest). The answer draws
 * from the mixture of these Gaussians with weights ∝ π_u(û) √det Σ (each mode's Laplace estimate of its mass) and
 * maps the draws to θ.
 *
 * <p>Anytime: the budget counts likelihood evaluations; starts run one after another, each capped at
 * {@code evaluationsPerStart}, and the answer at budget b uses every start that finished within b (at least the
 * first, whose cap is cut to b). Diagnostics: {@code modes}, {@code starts}, {@code max_log_density} and
 * {@code largest_mode_weight}.
 *
 * <p>{@code var answers = LaplaceApproximation.of(LaplaceApproximation.Config.defaults()).run(task, xObs, new long[] {10_000}, 10_000, rng);}
 *
 * @see "Tierney and Kadane (1986), Accurate approximations for posterior moments and marginal densities,
 *     JASA 81(393), 82–86"
 */
public final class LaplaceApproximation implements DirectMethod {
    private static final long[] DEFAULT_BUDGETS = {3_000, 10_000, 30_000, 100_000};
    private static final double SAME_MODE = 1e-3;

    /**
     * @param evaluationsPerStart the most likelihood evaluations one climb may use, ≥ 10
     */
    public record Config(int evaluationsPerStart) {
        public Config {
            if (evaluationsPerStart < 10) {
                throw new IllegalArgumentException("evaluationsPerStart is " + evaluationsPerStart + ", expected >= 10");
            }
        }

        /** Up to 2,000 evaluations per start. */
        public static Config defaults() {
            return new Config(2_000);
        }
    }

    private final Config config;

    private LaplaceApproximation(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static LaplaceApproximation of(Config config) {
        return new LaplaceApproximation(config);
    }

    @Override
    public String name() {
        return "laplace";
    }

    @Override
    public BudgetUnit unit() {
        return BudgetUnit.LIKELIHOOD_EVALUATIONS;
    }

    @Override
    public long[] defaultBudgets() {
        return DEFAULT_BUDGETS.clone();
    }

    /** Draws, in order: the starts, then one generator per answer. */
    @Override
    public List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng) {
        long[] ladder = RunArguments.check(task, observation, budgets, numSamples);
        LogLikelihood likelihood = task.likelihood().orElseThrow(() -> new IllegalArgumentException("task " + task.name()
                + " has no tractable likelihood; MAP and Laplace need log p(x | θ)"));
        UnconstrainedPosterior target = new UnconstrainedPosterior(task.prior(), likelihood, observation);
        Rng startRng = rng.split();
        Rng answerRng = rng.split();
        List<Mode> modes = new ArrayList<>();
        int[] starts = {0};
        SnapshotClock clock = new SnapshotClock();
        List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
        for (long budget : ladder) {
            long before = target.likelihoodEvaluations();
            long gradientsBefore = target.gradientEvaluations();
            clock.progress(() -> {
                while (target.likelihoodEvaluations() < budget) {
                    long left = budget - target.likelihoodEvaluations();
                    if (starts[0] > 0 && left < config.evaluationsPerStart()) {
                        break;
                    }
                    climb(target, task, startRng, (int) Math.min(left, config.evaluationsPerStart()), modes);
                    starts[0]++;
                }
            });
            clock.countLikelihoodEvaluations(target.likelihoodEvaluations() - before);
            clock.countGradientEvaluations(target.gradientEvaluations() - gradientsBefore);
            if (modes.isEmpty()) {
                throw new IllegalStateException("no start of task " + task.name() + " reached a point of positive posterior"
                        + " density within budget " + budget);
            }
            Rng snapshotRng = answerRng.split();
            List<Mode> found = List.copyOf(modes);
            int startCount = starts[0];
            answers.add(clock.answer(budget, () -> snapshot(task, target, found, startCount, numSamples, snapshotRng)));
        }
        return answers;
    }

    /** One climb from a prior draw; adds its optimum, with its Gaussian, to {@code modes} unless already there. */
    private static void climb(UnconstrainedPosterior target, Task task, Rng rng, int maxEvaluations, List<Mode> modes) {
        double[] start = target.bijection().inverse(task.prior().sample(rng));
        long evaluationsAtStart = target.likelihoodEvaluations();
        double[] best = start;
        double bestValue = target.logDensity(start);
        int dim = start.length;
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-10, 1e-10));
        double[][] tracked = {best, {bestValue}};
        ObjectiveFunction value = new ObjectiveFunction(u -> {
            if (target.likelihoodEvaluations() - evaluationsAtStart >= maxEvaluations) {
                throw new TooManyEvaluationsException(maxEvaluations);
            }
            double v = target.logDensity(u);
            if (v > tracked[1][0]) {
                tracked[0] = u.clone();
                tracked[1][0] = v;
            }
            return Double.isFinite(v) ? v : -1e300;
        });
        ObjectiveFunctionGradient gradient = new ObjectiveFunctionGradient(u -> {
            double[] g = new double[dim];
            double v = target.logDensityAndGradient(u, g);
            return Double.isFinite(v) ? g : new double[dim];
        });
        try {
            PointValuePair optimum = optimizer.optimize(new MaxEval(Integer.MAX_VALUE), GoalType.MAXIMIZE, value, gradient,
                    new InitialGuess(start));
            if (optimum.getValue() > tracked[1][0]) {
                tracked[0] = optimum.getPoint();
                tracked[1][0] = optimum.getValue();
            }
        } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
            // the budget or the line search ran out: keep the best point seen so far
        }
        best = tracked[0];
        bestValue = tracked[1][0];
        if (!Double.isFinite(bestValue)) {
            return;
        }
        for (Mode m : modes) {
            if (m.isNear(best)) {
                return;
            }
        }
        modes.add(Mode.at(target, best, bestValue));
    }

    private static SnapshotClock.Snapshot snapshot(Task task, UnconstrainedPosterior target, List<Mode> modes,
                                                   int starts, int numSamples, Rng rng) {
        double[] logMass = new double[modes.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < logMass.length; m++) {
            logMass[m] = modes.get(m).logDensity + 0.5 * modes.get(m).logDetCovariance;
            max = Math.max(max, logMass[m]);
        }
        double[] weights = new double[logMass.length];
        double total = 0;
        for (int m = 0; m < weights.length; m++) {
            weights[m] = Math.exp(logMass[m] - max);
            total += weights[m];
        }
        double largest = 0;
        double maxLogDensity = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < weights.length; m++) {
            weights[m] /= total;
            largest = Math.max(largest, weights[m]);
            maxLogDensity = Math.max(maxLogDensity, modes.get(m).logDensity);
        }
        double[][] draws = new double[numSamples][];
        for (int i = 0; i < numSamples; i++) {
            double u = rng.nextDouble();
            int m = 0;
            double cumulative = weights[0];
            while (u >= cumulative && m < weights.length - 1) {
                cumulative += weights[++m];
            }
            Mode mode = modes.get(m);
            draws[i] = target.bijection().forward(mode.covariance.perturb(mode.location, rng));
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("starts", (double) starts);
        diagnostics.put("modes", (double) modes.size());
        diagnostics.put("max_log_density", maxLogDensity);
        diagnostics.put("largest_mode_weight", largest);
        return new SnapshotClock.Snapshot(Samples.of(task.parameterNames(), draws), diagnostics);
    }

    /** A local optimum û of log π_u with its Laplace Gaussian N(û, Σ). */
    private record Mode(double[] location, double logDensity, CholeskyFactor covariance, double logDetCovariance) {
        static Mode at(UnconstrainedPosterior target, double[] u, double logDensity) {
            int d = u.length;
            double[][] hessian = new double[d][d];
            for (int j = 0; j < d; j++) {
                double h = 1e-5 * Math.max(1, Math.abs(u[j]));
                double[] up = u.clone();
                double[] down = u.clone();
                up[j] += h;
                down[j] -= h;
                double[] gUp = new double[d];
                double[] gDown = new double[d];
                target.logDensityAndGradient(up, gUp);
                target.logDensityAndGradient(down, gDown);
                for (int i = 0; i < d; i++) {
                    hessian[i][j] = (gUp[i] - gDown[i]) / (2 * h);
                }
            }
            double[][] negative = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    negative[i][j] = -0.5 * (hessian[i][j] + hessian[j][i]);
                }
            }
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(negative, false));
            double[] values = eigen.getRealEigenvalues();
            double top = 0;
            for (double v : values) {
                top = Math.max(top, Math.abs(v));
            }
            double floor = Math.max(top * 1e-8, 1e-12);
            RealMatrix vectors = eigen.getV();
            double[][] covariance = new double[d][d];
            double logDet = 0;
            for (int k = 0; k < d; k++) {
                double curvature = Double.isFinite(values[k]) ? Math.max(values[k], floor) : floor;
                logDet -= Math.log(curvature);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        covariance[i][j] += vectors.getEntry(i, k) * vectors.getEntry(j, k) / curvature;
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    double mean = 0.5 * (covariance[i][j] + covariance[j][i]);
                    covariance[i][j] = mean;
                    covariance[j][i] = mean;
                }
            }
            return new Mode(u.clone(), logDensity, CholeskyFactor.of(covariance), logDet);
        }

        boolean isNear(double[] other) {
            for (int i = 0; i < location.length; i++) {
                if (Math.abs(location[i] - other[i]) > SAME_MODE * Math.max(1, Math.abs(location[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
