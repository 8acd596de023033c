package dev.amortizer.bench.plan;

/**
 * What a plan's accuracy target measures; smaller is better for both, and each has a value no answer can beat.
 * <ul>
 *   <li>{@link #C2ST}: the mean C2ST of the answers against reference posteriors (0.5: indistinguishable). Needs a
 *       reference; the amortiser and every direct method are scored the same way.</li>
 *   <li>{@link #COVERAGE_ERROR}: the amortiser's expected coverage error on held-out simulations
 *       ({@link CoverageError}; 0: its HPD regions cover exactly as often as they claim). Needs no reference. A
 *       direct method cannot be scored so per query; it counts as at the target once its own convergence diagnostics
 *       pass on every pilot query ({@link Certification}), an answer exact up to Monte Carlo error.</li>
 * </ul>
 */
public enum Measure {
    C2ST("C2ST", "--target-c2st", 0.5, 1),
    COVERAGE_ERROR("coverage error", "--target-calibration", 0, 0.5);

    private final String label;
    private final String option;
    private final double perfect;
    private final double worst;

    Measure(String label, String option, double perfect, double worst) {
        this.label = label;
        this.option = option;
        this.perfect = perfect;
        this.worst = worst;
    }

    /** The name in words, as tables and the verdict print it. */
    public String label() {
        return label;
    }

    /** The command-line option that sets a target of this measure. */
    public String option() {
        return option;
    }

    /** The value of a perfect answer: learning curves decay toward it. */
    public double perfect() {
        return perfect;
    }

    /**
     * Checks a target: strictly between perfect and the measure's worst value.
     *
     * @throws IllegalArgumentException naming the option, otherwise
     */
    public double checkTarget(double target) {
        if (!(target > perfect && target < worst)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s must be in (%s, %s), got %s"
                    + " (%s: a perfect answer)", option, fmt(perfect), fmt(worst), target, fmt(perfect)));
        }
        return target;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
