package dev.amortizer.training;

import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.RowsLayout;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Simulated pairs made ready for training, the one way every amortiser prepares them: pairs with a NaN or infinite
 * value are dropped and counted (or refused, {@link InvalidSimulations#FAIL}); the kept pairs are shuffled and
 * {@code validationFraction} of them (at least one) held out; the {@link Standardization} is fitted on the
 * training rows only, so nothing of the held-out rows leaks into training. Rows are z-scored when asked for
 * ({@link #thetaGivenX}, {@link #standardizedTheta}...), from the simulations themselves, so no standardised copy of
 * every pair is held beside the one a trainer builds; the same row always gives the same bits. Rows are indexed as
 * in the simulations.
 *
 * <p>{@code TrainingData d = TrainingData.prepare(sims, schedule.validationFraction(), rng.split());}
 */
public final class TrainingData {
    private final TrainingSimulations sims;
    private final UnaryOperator<double[]> thetaMap;
    private final Standardization standardization;
    private final int[] training;
    private final int[] heldOut;

    private TrainingData(TrainingSimulations sims, UnaryOperator<double[]> thetaMap, Standardization standardization,
                         int[] training, int[] heldOut) {
        this.sims = sims;
        this.thetaMap = thetaMap;
        this.standardization = standardization;
        this.training = training;
        this.heldOut = heldOut;
    }

    /** Drops non-finite pairs, holds out {@code validationFraction} of the rest (shuffled by {@code rng}), scores. */
    public static TrainingData prepare(TrainingSimulations sims, double validationFraction, Rng rng) {
        return prepare(sims, validationFraction, InvalidSimulations.DROP, UnaryOperator.identity(), true, rng);
    }

    /**
     * As {@link #prepare(TrainingSimulations, double, Rng)}, with a policy for non-finite pairs, a map applied to
     * each kept θ before standardising (NPE's bijection to unbounded coordinates; it must be a pure function, as it
     * is applied again to each row asked for), and {@code scaleX} false to leave x as it is (a summary network
     * scales its raw input itself).
     */
    public static TrainingData prepare(TrainingSimulations sims, double validationFraction, InvalidSimulations policy,
                                       UnaryOperator<double[]> thetaMap, boolean scaleX, Rng rng) {
        return prepare(sims, validationFraction, policy, thetaMap, null, scaleX, rng);
    }

    /**
     * As {@link #prepare(TrainingSimulations, double, InvalidSimulations, UnaryOperator, boolean, Rng)} with θ and x
     * scaled by a given standardisation instead of one fitted on the training rows: a network trained further on new pairs
     * needs the units its weights were trained in.
     */
    public static TrainingData prepare(TrainingSimulations sims, double validationFraction, InvalidSimulations policy,
                                       UnaryOperator<double[]> thetaMap, Standardization given, Rng rng) {
        return prepare(sims, validationFraction, policy, thetaMap, given, true, rng);
    }

    private static TrainingData prepare(TrainingSimulations sims, double validationFraction, InvalidSimulations policy,
                                        UnaryOperator<double[]> thetaMap, Standardization given, boolean scaleX,
                                        Rng rng) {
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
        Standardization s = given != null ? given : Standardization.fit(mapped, sims.x(), training);
        if (!scaleX) {
            s = s.withIdentityX();
        }
        return new TrainingData(sims, thetaMap, s, training, heldOut);
    }

    /**
     * The same pairs and split, the x columns that show no dependence on θ over the training rows
     * ({@link DataScreen}; the first {@value DataScreen#MAX_ROWS} of them, in their shuffled order, where there are
     * more) ignored by the standardisation; this data itself where there are none.
     */
    public TrainingData screened() {
        int[] rows = Arrays.copyOf(training, Math.min(training.length, DataScreen.MAX_ROWS));
        double[][] z = new double[sims.size()][];
        for (int i : rows) {
            z[i] = standardizedTheta(i);
        }
        int[] ignored = DataScreen.uninformativeColumns(z, sims.x(), rows);
        return ignored.length == 0 ? this
                : new TrainingData(sims, thetaMap, standardization.ignoringX(ignored), training, heldOut);
    }

    /**
     * The same pairs and split, the x columns that {@link LogScale} finds (positive in every kept pair, spread over
     * decades; columns already ignored, and those {@code support} says may be negative, aside) read on the log scale,
     * their scores refitted to ln x over the training rows; this data itself where there are none.
     */
    public TrainingData logScaled(DataSupport support) {
        int[] kept = new int[keptRows()];
        System.arraycopy(training, 0, kept, 0, training.length);
        System.arraycopy(heldOut, 0, kept, training.length, heldOut.length);
        int[] signed = LogScale.signedBySupport(support);
        int[] skipped = IntStream.concat(IntStream.concat(Arrays.stream(standardization.ignoredX()),
                Arrays.stream(signed)), Arrays.stream(signedMoments(signed))).sorted().distinct().toArray();
        int[] logged = LogScale.columns(sims.x(), training, kept, skipped);
        return logged.length == 0 ? this : new TrainingData(sims, thetaMap,
                standardization.loggingX(logged, sims.x(), training), training, heldOut);
    }

    /**
     * The columns of the rows' moments that may be negative whatever the pairs hold, where the scores read them
     * ({@link Standardization#rowMoments}): the mean of a row column some row's support lets go negative
     * ({@code signed}, x's columns), and every covariance between two row columns; a variance is never negative.
     */
    private int[] signedMoments(int[] signed) {
        if (!standardization.rowMoments()) {
            return new int[0];
        }
        int width = standardization.rowWidth();
        int at = standardization.dataLength();
        return Arrays.stream(RowsLayout.momentsThatMayBeNegative(width,
                        j -> Arrays.stream(signed).anyMatch(s -> s % width == j)))
                .map(k -> at + k).toArray();
    }

    /**
     * The same pairs, split and scores, marked as read with x's rows of {@code width} values in canonical order
     * ({@link Standardization#sortingRows}), followed by their moments where {@code moments} says so, so that the
     * observations a posterior is later asked about are read as these pairs were: the pairs must already be so
     * ordered ({@link TrainingSimulations#withRowsInCanonicalOrder}), hold the moments where asked
     * ({@link TrainingSimulations#withRowMoments}), and the scores be fitted on them.
     */
    public TrainingData sortingRows(int width, boolean moments) {
        return new TrainingData(sims, thetaMap, standardization.sortingRows(width, moments), training, heldOut);
    }

    /**
     * The same pairs, split and scores, marked as fitted to θ folded by {@code symmetry}
     * ({@link Standardization#foldingTheta}): the pairs' θ must already be so folded
     * ({@link TrainingSimulations#withThetaFolded}).
     */
    public TrainingData foldingTheta(ParameterSymmetry symmetry) {
        return symmetry == null ? this
                : new TrainingData(sims, thetaMap, standardization.foldingTheta(symmetry), training, heldOut);
    }

    /**
     * Checks that every kept pair can be read by this data's standardisation (a given one, as a warm start keeps):
     * positive in each column it reads on the log scale; otherwise an IllegalArgumentException naming the pair.
     */
    public void requireReadable() {
        for (int[] part : new int[][] {training, heldOut}) {
            for (int i : part) {
                int j = standardization.unreadableColumn(sims.x()[i]);
                if (j >= 0) {
                    throw new IllegalArgumentException("pair " + (i + 1) + " holds " + sims.x()[i][j] + " in x column "
                            + (j + 1) + ", which the earlier fit reads on the log scale (every pair it trained on"
                            + " was positive there); continue from a fit trained with --no-log-scale"
                            + " (Npe.withLogScale(false)), or train afresh");
                }
            }
        }
    }

    /** Fitted on the training rows. */
    public Standardization standardization() {
        return standardization;
    }

    /** Indices of the training rows. */
    public int[] training() {
        return training;
    }

    /** Indices of the held-out rows (at least one). */
    public int[] heldOut() {
        return heldOut;
    }

    /** All simulations offered, dropped ones included. */
    public int simulations() {
        return sims.size();
    }

    /** Row {@code i}'s θ (or its image under the θ map), standardised: a new array. */
    public double[] standardizedTheta(int i) {
        return standardization.standardizeTheta(thetaMap.apply(sims.theta()[i]));
    }

    /** Row {@code i}'s x (its rows ordered and their moments appended where the scores read so), standardised. */
    public double[] standardizedX(int i) {
        return standardization.standardizeColumns(sims.x()[i]);
    }

    /** Standardised θ of every kept row by simulation index, null for a dropped one: a new table on each call. */
    public double[][] theta() {
        return table(true);
    }

    /** Standardised x of every kept row by simulation index, null for a dropped one: a new table on each call. */
    public double[][] x() {
        return table(false);
    }

    /** Training plus held-out rows: the kept pairs, which one epoch passes forward. */
    public int keptRows() {
        return training.length + heldOut.length;
    }

    /** Pairs dropped for a NaN or infinite value. */
    public int dropped() {
        return simulations() - keptRows();
    }

    /** The standardised rows {@code rows}, θ as the modelled side z and x as the context c (NPE's roles). */
    public FlowTrainer.Rows thetaGivenX(int[] rows) {
        return new FlowTrainer.Rows(rows(rows, true), rows(rows, false));
    }

    /** The standardised rows {@code rows}, x as the modelled side z and θ as the context c (NLE's roles). */
    public FlowTrainer.Rows xGivenTheta(int[] rows) {
        return new FlowTrainer.Rows(rows(rows, false), rows(rows, true));
    }

    /**
     * Where a network trained on these pairs came from: all simulations offered, the dropped ones counted as
     * invalid, and this library's version.
     */
    public TrainingProvenance provenance(long seed, TrainingOutcome outcome) {
        return new TrainingProvenance(seed, simulations(), dropped(), outcome.epochs(), outcome.bestEpoch(),
                outcome.bestValidationLoss(), TrainingProvenance.currentLibraryVersion());
    }

    private double[][] rows(int[] rows, boolean theta) {
        double[][] out = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            out[k] = theta ? standardizedTheta(rows[k]) : standardizedX(rows[k]);
        }
        return out;
    }

    private double[][] table(boolean theta) {
        double[][] out = new double[simulations()][];
        for (int[] part : new int[][] {training, heldOut}) {
            for (int i : part) {
                out[i] = theta ? standardizedTheta(i) : standardizedX(i);
            }
        }
        return out;
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
