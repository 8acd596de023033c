package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.DualAveraging;
import dev.amortizer.direct.mcmc.HamiltonianState;
import dev.amortizer.direct.mcmc.NutsKernel;
import dev.amortizer.direct.mcmc.NutsTransition;
import dev.amortizer.direct.mcmc.RunningVariance;
import dev.amortizer.direct.mcmc.WarmupSchedule;
import dev.amortizer.random.Rng;
import java.util.Arrays;

/**
 * A NUTS chain with Stan's warm-up: the step size follows dual averaging towards the target acceptance statistic
 * in every warm-up iteration; at the end of each slow window ({@link WarmupSchedule}) the diagonal inverse metric
 * becomes the window's regularised variances (n/(n + 5))·s² + 10⁻³·5/(n + 5), the step size is re-guessed and dual
 * averaging restarts; at the end of the warm-up the averaged step size is frozen.
 */
final class NutsChain extends WarmingChain {
    private final Rng rng;
    private final DualAveraging dualAveraging;
    private final RunningVariance windowVariance;
    private NutsKernel kernel;
    private HamiltonianState state;
    private long divergences;
    private long divergencesAtZeroDensity;
    private double acceptanceSum;
    private long sampled;

    NutsChain(UnconstrainedPosterior target, double[] start, Rng rng, int warmup, double targetAcceptance, int maxDepth) {
        super(target, warmup);
        this.rng = rng;
        double[] unit = new double[start.length];
        Arrays.fill(unit, 1.0);
        this.kernel = NutsKernel.of(target, 1.0, unit, maxDepth);
        this.state = kernel.init(start);
        this.kernel = kernel.withStepSize(kernel.reasonableStepSize(rng, state));
        this.dualAveraging = new DualAveraging(targetAcceptance, kernel.stepSize());
        this.windowVariance = new RunningVariance(start.length);
    }

    @Override
    public void iterate() {
        NutsTransition t = kernel.step(rng, state);
        state = t.state();
        if (warm()) {
            sampled++;
            acceptanceSum += t.info().acceptanceStatistic();
            divergences += t.info().divergent() ? 1 : 0;
            divergencesAtZeroDensity += t.info().atZeroDensity() ? 1 : 0;
            return;
        }
        double stepSize = dualAveraging.update(t.info().acceptanceStatistic());
        if (schedule.inSlowWindow(iteration)) {
            windowVariance.add(state.position());
        }
        if (schedule.endsWindow(iteration) && windowVariance.count() >= 2) {
            double[] variance = windowVariance.variance();
            double n = windowVariance.count();
            for (int i = 0; i < variance.length; i++) {
                variance[i] = n / (n + 5) * variance[i] + 1e-3 * 5 / (n + 5);
            }
            windowVariance.reset();
            kernel = kernel.withInverseMetric(variance);
            stepSize = kernel.reasonableStepSize(rng, state);
            dualAveraging.restart(stepSize);
        }
        iteration++;
        kernel = kernel.withStepSize(warm() ? dualAveraging.finalStepSize() : stepSize);
    }

    @Override
    public double[] position() {
        return state.position();
    }

    @Override
    public long divergences() {
        return divergences;
    }

    @Override
    public long divergencesAtZeroDensity() {
        return divergencesAtZeroDensity;
    }

    @Override
    public double meanAcceptance() {
        return sampled == 0 ? Double.NaN : acceptanceSum / sampled;
    }

    @Override
    public double tuning() {
        return kernel.stepSize();
    }
}
