package dev.amortizer.direct.mcmc;

import dev.amortizer.random.Rng;
import java.util.Objects;

/**
 * Coordinate-wise slice sampling with stepping out and shrinkage. For each coordinate j in turn: draw the level
 * log y = log π(x) − E with E ~ Exp(1); place an interval of width wⱼ at a uniform offset around xⱼ and step each
 * end outwards by wⱼ while π there is above the level (at most m steps in all, split at random between the two
 * ends); then draw xⱼ' uniformly in the interval, shrinking it towards xⱼ after each draw below the level, until one
 * lands above it. Each coordinate update leaves π invariant for any fixed widths, so the sweep does too.
 *
 * <p>Randomness per coordinate, in order: one exponential (as −log U), one uniform for the offset, one for the split
 * of the m steps, then one per shrinkage draw. Every step is accepted ({@link StepInfo} (true, 1)). Immutable.
 *
 * <p>{@code var kernel = SliceKernel.of(target, widths, 20); var t = kernel.step(rng, kernel.init(x0));}
 *
 * @see "Neal (2003), Slice sampling, Ann. Statist. 31(3), 705–767, figures 3 and 5"
 */
public final class SliceKernel {
    private static final int MAX_SHRINKS = 200;

    private final LogDensity target;
    private final double[] widths;
    private final int maxSteps;

    private SliceKernel(LogDensity target, double[] widths, int maxSteps) {
        this.target = target;
        this.widths = widths;
        this.maxSteps = maxSteps;
    }

    /**
     * @param widths   wⱼ, the initial interval width per coordinate, each finite and > 0
     * @param maxSteps m, the most stepping-out steps per coordinate update, ≥ 1
     */
    public static SliceKernel of(LogDensity target, double[] widths, int maxSteps) {
        Objects.requireNonNull(target, "target");
        if (widths.length == 0) {
            throw new IllegalArgumentException("widths is empty, expected one width per coordinate");
        }
        for (int i = 0; i < widths.length; i++) {
            if (!(widths[i] > 0 && widths[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("widths[" + i + "] is " + widths[i] + ", expected a finite number > 0");
            }
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps is " + maxSteps + ", expected >= 1");
        }
        return new SliceKernel(target, widths.clone(), maxSteps);
    }

    public SliceKernel withWidths(double[] newWidths) {
        return of(target, newWidths, maxSteps);
    }

    public double[] widths() {
        return widths.clone();
    }

    /** The state at {@code position}; evaluates the target once there. */
    public ChainState init(double[] position) {
        checkDimension(position.length);
        return new ChainState(position, target.logDensity(position.clone()));
    }

    /** One sweep over all coordinates from {@code state}. */
    public Transition step(Rng rng, ChainState state) {
        checkDimension(state.dim());
        double[] x = state.position();
        double logDensity = state.logDensity();
        for (int j = 0; j < x.length; j++) {
            logDensity = updateCoordinate(rng, x, j, logDensity);
        }
        return new Transition(new ChainState(x, logDensity), new StepInfo(true, 1));
    }

    private double updateCoordinate(Rng rng, double[] x, int j, double logDensity) {
        double level = logDensity + Math.log(rng.nextOpenDouble());
        double origin = x[j];
        double w = widths[j];
        double left = origin - w * rng.nextDouble();
        double right = left + w;
        int leftSteps = (int) Math.floor(maxSteps * rng.nextDouble());
        int rightSteps = maxSteps - 1 - leftSteps;
        while (leftSteps > 0 && above(x, j, left, level)) {
            left -= w;
            leftSteps--;
        }
        while (rightSteps > 0 && above(x, j, right, level)) {
            right += w;
            rightSteps--;
        }
        for (int shrink = 0; shrink < MAX_SHRINKS; shrink++) {
            double candidate = left + (right - left) * rng.nextDouble();
            x[j] = candidate;
            double value = target.logDensity(x.clone());
            if (value > level) {
                return value;
            }
            if (candidate < origin) {
                left = candidate;
            } else {
                right = candidate;
            }
        }
        x[j] = origin;
        return logDensity;
    }

    private boolean above(double[] x, int j, double value, double level) {
        double keep = x[j];
        x[j] = value;
        double logDensity = target.logDensity(x.clone());
        x[j] = keep;
        return logDensity > level;
    }

    private void checkDimension(int dim) {
        if (dim != widths.length) {
            throw new IllegalArgumentException("position has " + dim + " coordinates, the kernel's widths " + widths.length);
        }
    }
}
