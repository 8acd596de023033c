package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.ChainState;
import dev.amortizer.direct.mcmc.RunningVariance;
import dev.amortizer.direct.mcmc.SliceKernel;
import dev.amortizer.direct.mcmc.WarmupSchedule;
import dev.amortizer.random.Rng;
import java.util.Arrays;

/**
 * A coordinate-wise slice-sampling chain. Its warm-up tunes the widths on the same windows as NUTS tunes its
 * metric ({@link WarmupSchedule}): at the end of each slow window every width becomes 3 standard deviations of
 * that coordinate over the window, about the width of the slice at a typical level.
 */
final class SliceChain extends WarmingChain {
    private static final double WIDTH_PER_SD = 3;
    private static final int MAX_STEPS = 20;

    private final Rng rng;
    private final RunningVariance windowVariance;
    private SliceKernel kernel;
    private ChainState state;

    SliceChain(UnconstrainedPosterior target, double[] start, Rng rng, int warmup) {
        super(target, warmup);
        this.rng = rng;
        double[] widths = new double[start.length];
        Arrays.fill(widths, 1.0);
        this.kernel = SliceKernel.of(target, widths, MAX_STEPS);
        this.state = kernel.init(start);
        this.windowVariance = new RunningVariance(start.length);
    }

    @Override
    public void iterate() {
        state = kernel.step(rng, state).state();
        if (warm()) {
            return;
        }
        if (schedule.inSlowWindow(iteration)) {
            windowVariance.add(state.position());
        }
        if (schedule.endsWindow(iteration) && windowVariance.count() >= 2) {
            double[] variance = windowVariance.variance();
            double[] widths = new double[variance.length];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = WIDTH_PER_SD * Math.sqrt(Math.max(variance[i], 1e-12));
            }
            windowVariance.reset();
            kernel = kernel.withWidths(widths);
        }
        iteration++;
    }

    @Override
    public double[] position() {
        return state.position();
    }

    @Override
    public long divergences() {
        return 0;
    }

    @Override
    public double meanAcceptance() {
        return 1;
    }

    @Override
    public double tuning() {
        return Arrays.stream(kernel.widths()).average().orElse(Double.NaN);
    }
}
