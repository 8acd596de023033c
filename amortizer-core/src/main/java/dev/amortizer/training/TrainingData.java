package dev.amortizer.training;

import dev.amortizer.random.Rng;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Simulated pairs made ready for training, the one way every amortiser prepares them: pairs with a NaN or infinite
 * value are dropped and counted (or refused, {@link InvalidSimulations#FAIL}); the kept pairs are shuffled and
 * {@code validationFraction} of them (at least one) held out; the {@link Standardization} is fitted on the
 * training rows only, so nothing of the held-out rows leaks into training; every kept row is z-scored with it.
 * Rows are indexed as in the simulations; a dropped row is null in {@link #theta()} and {@link #x()}.
 *
 * <p>{@code TrainingData d = TrainingData.prepare(sims, schedule.validationFraction(), rng.split());}
 *
 * @param standardization fitted on the training rows
 * @param training        indices of the training rows
 * @param heldOut         indices of the held-out rows (at least one)
 * @param theta           standardised θ (or its image under the θ map) by simulation index
 * @param x               standardised x by simulation index
 */
public record TrainingData(Standardization standardization, int[] training, int[] heldOut, double[][] theta,
                           double[][] x) {

    /** Drops non-finite pairs, holds out {@code validationFraction} of the rest (shuffled by {@code rng}), scores. */
    public static TrainingData prepare(TrainingSimulations sims, double validationFraction, Rng rng) {
        return prepare(sims, validationFraction, InvalidSimulations.DROP, UnaryOperator.identity(), true, rng);
    }

    /**
     * As {@link #prepare(TrainingSimulations, double, Rng)}, with a policy for non-finite pairs, a map applied to
     * each kept θ before standardising (NPE's bijection to unbounded coordinates), and {@code scaleX} false to leave
     * x as it is (a summary network scales its raw input itself).
     */
    public static TrainingData prepare(TrainingSimulations sims, double validationFraction, InvalidSimulations policy,
                                       UnaryOperator<double[]> thetaMap, boolean scaleX, Rng rng) {
        double[][] theta = sims.theta();
        int n = theta.length;
        int[] valid = finiteRows(sims);
        int invalid = n - valid.length;
        if (invalid > 0 && policy == InvalidSimulations.FAIL) {
            throw new IllegalArgumentException(invalid + " of " + n + " simulations have NaN or infinite values"
                    + " (the first is pair " + (firstGap(valid) + 1) + "), and the policy is FAIL");
        }
        int held = (int) Math.max(1, Math.round(validationFraction * valid.length));
        if (valid.length - held < 1) {
            throw new IllegalArgumentException("need at least 2 pairs with finite θ and x to train and validate, got "
                    + valid.length + " (" + invalid + " of " + n + " dropped for NaN or infinite values)");
        }
        double[][] mapped = new double[n][];
        for (int i : valid) {
            mapped[i] = thetaMap.apply(theta[i]);
        }
        rng.shuffle(valid);
        int[] training = Arrays.copyOfRange(valid, held, valid.length);
        int[] heldOut = Arrays.copyOfRange(valid, 0, held);
        Standardization s = Standardization.fit(mapped, sims.x(), training);
        if (!scaleX) {
            s = s.withIdentityX();
        }
        double[][] z = new double[n][];
        double[][] c = new double[n][];
        for (int i : valid) {
            z[i] = s.standardizeTheta(mapped[i]);
            c[i] = s.standardizeX(sims.x()[i]);
        }
        return new TrainingData(s, training, heldOut, z, c);
    }

    /** Training plus held-out rows: the kept pairs, which one epoch passes forward. */
    public int keptRows() {
        return training.length + heldOut.length;
    }

    /** Pairs dropped for a NaN or infinite value. */
    public int dropped() {
        return theta.length - keptRows();
    }

    /** The standardised rows {@code rows}, θ as the modelled side z and x as the context c (NPE's roles). */
    public FlowTrainer.Rows thetaGivenX(int[] rows) {
        return select(theta, x, rows);
    }

    /** The standardised rows {@code rows}, x as the modelled side z and θ as the context c (NLE's roles). */
    public FlowTrainer.Rows xGivenTheta(int[] rows) {
        return select(x, theta, rows);
    }

    /**
     * Where a network trained on these pairs came from: all simulations offered, the dropped ones counted as
     * invalid, and this library's version.
     */
    public TrainingProvenance provenance(long seed, TrainingOutcome outcome) {
        return new TrainingProvenance(seed, theta.length, dropped(), outcome.epochs(), outcome.bestEpoch(),
                outcome.bestValidationLoss(), TrainingProvenance.currentLibraryVersion());
    }

    private static FlowTrainer.Rows select(double[][] z, double[][] c, int[] rows) {
        double[][] zs = new double[rows.length][];
        double[][] cs = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            zs[i] = z[rows[i]];
            cs[i] = c[rows[i]];
        }
        return new FlowTrainer.Rows(zs, cs);
    }

    private static int[] finiteRows(TrainingSimulations sims) {
        int[] keep = new int[sims.size()];
        int n = 0;
        for (int i = 0; i < keep.length; i++) {
            if (finite(sims.theta()[i]) && finite(sims.x()[i])) {
                keep[n++] = i;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    private static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The first index missing from the increasing {@code valid}: the first dropped pair. */
    private static int firstGap(int[] valid) {
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] != i) {
                return i;
            }
        }
        return valid.length;
    }
}
