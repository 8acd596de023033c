package dev.amortizer.model;

import dev.amortizer.task.Prior;
import dev.amortizer.task.Support;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a model file records of its task's prior, from format 5: the support box and log p(θ) at three probe points
 * spread over it. Two tasks of the same name, dimensions and column names (gaussian_linear and
 * gaussian_linear_uniform) differ here, so a manifest edited to name the other task is refused. The probes are stored,
 * not recomputed, so that changing how they are chosen never invalidates an old file. Infinite bounds and
 * log p = −∞ are written as null.
 *
 * @param priorLower      the support's lower bounds
 * @param priorUpper      the support's upper bounds
 * @param probes          the probe points θ
 * @param priorLogDensity log p(θ) at each probe
 */
public record TaskFingerprint(List<Double> priorLower, List<Double> priorUpper, List<List<Double>> probes,
                              List<Double> priorLogDensity) {
    private static final double[] FRACTIONS = {0.3, 0.5, 0.8};
    private static final double[] STEPS = {0.5, 1, 2};
    private static final double[] FREE = {-0.5, 0.1, 0.6};
    private static final double TOLERANCE = 1e-9;

    /** The fingerprint of {@code task}'s prior. */
    public static TaskFingerprint of(Task task) {
        Prior prior = task.prior();
        Support s = prior.support();
        List<List<Double>> probes = new ArrayList<>();
        List<Double> logDensity = new ArrayList<>();
        for (int k = 0; k < FRACTIONS.length; k++) {
            double[] theta = new double[s.dim()];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = probe(s.lower(j), s.upper(j), k);
            }
            probes.add(Arrays.stream(theta).boxed().toList());
            logDensity.add(orNull(prior.logDensity(theta)));
        }
        return new TaskFingerprint(bounds(s.lower()), bounds(s.upper()), probes, logDensity);
    }

    private static double probe(double lo, double hi, int k) {
        boolean low = Double.isFinite(lo);
        boolean high = Double.isFinite(hi);
        if (low && high) {
            return lo + (hi - lo) * FRACTIONS[k];
        }
        return low ? lo + STEPS[k] : high ? hi - STEPS[k] : FREE[k];
    }

    private static List<Double> bounds(double[] b) {
        List<Double> out = new ArrayList<>();
        for (double v : b) {
            out.add(orNull(v));
        }
        return out;
    }

    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Refuses a task whose prior is not the one recorded, naming the first difference; a malformed fingerprint is
     * refused as such.
     */
    void check(Task task, int parameterDim) {
        checkShape(parameterDim);
        Prior prior = task.prior();
        Support s = prior.support();
        for (int j = 0; j < parameterDim; j++) {
            if (!sameBound(priorLower.get(j), s.lower(j), Double.NEGATIVE_INFINITY)
                    || !sameBound(priorUpper.get(j), s.upper(j), Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("prior of " + task.parameterNames().get(j) + " changed: support "
                        + interval(priorLower.get(j), priorUpper.get(j)) + " when the model was trained, "
                        + interval(s.lower(j), s.upper(j)) + " now (the model was trained on a prior with support "
                        + box() + ", but task " + task.name() + "'s prior has " + box(s) + "); the task changed"
                        + " since, or the manifest names another task than the one the model was trained on:"
                        + " retrain, or restore the task");
            }
        }
        for (int k = 0; k < probes.size(); k++) {
            double[] theta = probes.get(k).stream().mapToDouble(Double::doubleValue).toArray();
            double expected = priorLogDensity.get(k) == null ? Double.NEGATIVE_INFINITY : priorLogDensity.get(k);
            double actual = prior.logDensity(theta);
            if (!close(expected, actual)) {
                throw new IllegalArgumentException("prior of task " + task.name() + " changed: the model was trained"
                        + " on a prior with log p(θ) = " + expected + " at θ = " + probes.get(k) + " (probe " + (k + 1)
                        + "), but task " + task.name() + "'s prior gives " + actual + "; the task changed since, or"
                        + " the manifest names another task than the one the model was trained on: retrain, or"
                        + " restore the task");
            }
        }
    }

    private void checkShape(int parameterDim) {
        boolean ok = priorLower != null && priorUpper != null && probes != null && priorLogDensity != null
                && priorLower.size() == parameterDim && priorUpper.size() == parameterDim
                && probes.size() == priorLogDensity.size() && probes.size() <= FRACTIONS.length
                && probes.stream().allMatch(p -> p != null && p.size() == parameterDim
                && p.stream().allMatch(v -> v != null && Double.isFinite(v)));
        if (!ok) {
            throw new IllegalArgumentException(ModelFile.MANIFEST_ENTRY + ": taskFingerprint is malformed; expected "
                    + parameterDim + " lower and upper bounds and up to " + FRACTIONS.length + " probes of "
                    + parameterDim + " finite values, each with its log density, got " + this);
        }
    }

    private static boolean sameBound(Double recorded, double actual, double infinite) {
        return recorded == null ? actual == infinite : recorded == actual;
    }

    private static boolean close(double a, double b) {
        if (a == b) {
            return true;
        }
        return Double.isFinite(a) && Double.isFinite(b) && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a));
    }

    private static String interval(Double lo, Double hi) {
        return interval(lo == null ? Double.NEGATIVE_INFINITY : lo, hi == null ? Double.POSITIVE_INFINITY : hi);
    }

    private static String interval(double lo, double hi) {
        return "[" + lo + ", " + hi + "]";
    }

    private String box() {
        return "lower " + priorLower + ", upper " + priorUpper;
    }

    private static String box(Support s) {
        return "lower " + bounds(s.lower()) + ", upper " + bounds(s.upper());
    }
}
