package dev.amortizer.bench.report;

import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.plan.CoverageError;
import dev.amortizer.cost.Cost;
import dev.amortizer.diagnostics.calibration.CalibrationResult;
import dev.amortizer.diagnostics.calibration.ParameterSummary;
import dev.amortizer.diagnostics.calibration.UniformityTests;
import dev.amortizer.training.TrainingProvenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * {@code check.json}: the summary of {@code amortizer check} (schema in amortizer-bench/README.md, "Calibration
 * checks"). Every test is at {@link #LEVEL}; a check is flagged when its p-value is below it.
 *
 * @param schemaVersion      {@link #SCHEMA_VERSION}
 * @param generatedAt        ISO-8601 instant
 * @param amortizerVersion   library version
 * @param machine            where it ran
 * @param task               the model's task
 * @param model              the model file's name (no folder)
 * @param method             the amortiser kind: npe, nle, nre or point
 * @param seed               the seed
 * @param requested          held-out simulations asked for
 * @param simulations        N, those used
 * @param dropped            those dropped (non-finite outputs, observations the posterior refused)
 * @param draws              L, posterior draws per held-out simulation
 * @param hpdDensity         what ranks the draws for HPD coverage: "posterior density" or "kernel density estimate"
 * @param sbc                the SBC test over all parameters
 * @param parameters         per parameter: SBC p-value, ECDF deviation, z-scores, contraction
 * @param coverage           expected HPD coverage
 * @param tarp               TARP
 * @param coverageError      expected coverage error: mean |coverage − level| over the ladder
 *                           ({@link dev.amortizer.bench.plan.CoverageError}; about 0.33/√N for a calibrated posterior)
 * @param logScore           held-out log score, mean log q(θ* | x*); null without a posterior density
 * @param simulationCost     simulating the held-out pairs
 * @param queryCost          the N posterior queries
 * @param verdict            one line
 */
public record CheckReport(int schemaVersion, String generatedAt, String amortizerVersion, BenchReport.Machine machine,
                          String task, String model, String method, long seed, int requested, int simulations,
                          int dropped, int draws, String hpdDensity, Sbc sbc, List<ParameterSummary> parameters,
                          Curve coverage, Curve tarp, double coverageError, Double logScore, Cost simulationCost,
                          Cost queryCost, String verdict) {
    public static final int SCHEMA_VERSION = 2;
    /** The level of every test. */
    public static final double LEVEL = 0.05;
    /** The credibility levels of the coverage and TARP tables: 0.05, 0.10, ..., 0.95. */
    static final double[] LADDER = CoverageError.ladder(19);

    public CheckReport {
        Objects.requireNonNull(task, "task");
        parameters = List.copyOf(parameters);
        if (simulations < 2 || draws < 2) {
            throw new IllegalArgumentException("need at least 2 simulations and 2 draws, got " + simulations + " and "
                    + draws);
        }
    }

    /**
     * SBC over all parameters.
     *
     * @param test          how the p-value is computed
     * @param bins          rank bins of each parameter's X² test
     * @param pValue        Bonferroni's min(1, D · min_j p_j)
     * @param flagged       pValue < level
     * @param bandHalfWidth ε of the simultaneous band of each parameter's rank ECDF difference
     * @param bandAlpha     the band's α
     * @param outsideBand   parameters whose ECDF difference leaves the band
     */
    public record Sbc(String test, int bins, double pValue, boolean flagged, double bandHalfWidth, double bandAlpha,
                      List<String> outsideBand) {
        public Sbc {
            outsideBand = List.copyOf(outsideBand);
        }
    }

    /**
     * An empirical coverage curve against the credibility ladder.
     *
     * @param test     how the p-value is computed
     * @param pValue   its p-value
     * @param flagged  pValue < level
     * @param atc      TARP only: ATC = 1/2 − mean fraction (null for coverage)
     * @param levels   nominal credibility levels
     * @param observed empirical coverage (coverage) or ECP (TARP) at each level
     * @param lower    the pointwise 95% binomial band's lower end: Binomial(N, level) 2.5% quantile / N
     * @param upper    its upper end (97.5% quantile / N)
     */
    public record Curve(String test, double pValue, boolean flagged, Double atc, List<Double> levels,
                        List<Double> observed, List<Double> lower, List<Double> upper) {
        public Curve {
            levels = List.copyOf(levels);
            observed = List.copyOf(observed);
            lower = List.copyOf(lower);
            upper = List.copyOf(upper);
        }
    }

    /** The report of a result. */
    public static CheckReport of(CalibrationResult r, String task, String model, String method, long seed,
                                 int requested) {
        int n = r.simulations();
        List<ParameterSummary> params = r.parameters();
        List<String> outside = params.stream().filter(p -> p.maxEcdfDeviation() > r.bandHalfWidth())
                .map(ParameterSummary::name).toList();
        Sbc sbc = new Sbc("Pearson X² of binned ranks per parameter, Bonferroni over parameters",
                UniformityTests.bins(n, r.draws()), r.sbcPValue(), r.sbcPValue() < LEVEL, r.bandHalfWidth(),
                r.bandAlpha(), outside);
        Curve coverage = curve("Kolmogorov–Smirnov of the randomised HPD levels against U(0, 1)", r.coveragePValue(),
                null, r.coverage(LADDER), n);
        Curve tarp = curve("Kolmogorov–Smirnov of the randomised TARP fractions against U(0, 1)", r.tarpPValue(),
                r.atc(), r.ecp(LADDER), n);
        List<String> flagged = new ArrayList<>();
        if (sbc.flagged()) {
            flagged.add("SBC");
        }
        if (coverage.flagged()) {
            flagged.add("coverage");
        }
        if (tarp.flagged()) {
            flagged.add("TARP");
        }
        String verdict = flagged.isEmpty()
                ? String.format(java.util.Locale.ROOT, "No miscalibration detected at the %.0f%% level on %d held-out"
                        + " simulations (SBC, coverage and TARP pass).", 100 * LEVEL, n)
                : String.format(java.util.Locale.ROOT, "Miscalibrated at the %.0f%% level on %d held-out simulations:"
                        + " flagged by %s.", 100 * LEVEL, n, String.join(", ", flagged));
        return new CheckReport(SCHEMA_VERSION, Instant.now().toString(), TrainingProvenance.currentLibraryVersion(),
                BenchReport.Machine.current(), task, model, method, seed, requested, n, r.dropped(), r.draws(),
                r.posteriorDensity() ? "posterior density" : "kernel density estimate", sbc, params, coverage, tarp,
                CoverageError.of(hpdLevels(r)), Double.isFinite(r.logScore()) ? r.logScore() : null,
                r.simulationCost(), r.queryCost(), verdict);
    }

    private static double[] hpdLevels(CalibrationResult r) {
        double[] h = new double[r.simulations()];
        java.util.Arrays.setAll(h, r::hpdLevel);
        return h;
    }

    private static Curve curve(String test, double p, Double atc, double[] observed, int n) {
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (double[] band : binomialBand(LADDER, n)) {
            lower.add(band[0]);
            upper.add(band[1]);
        }
        return new Curve(test, p, p < LEVEL, atc, box(LADDER), box(observed), lower, upper);
    }

    /** For each level c: the 2.5% and 97.5% quantiles of Binomial(N, c), divided by N. */
    static double[][] binomialBand(double[] levels, int n) {
        double[][] out = new double[levels.length][];
        for (int k = 0; k < levels.length; k++) {
            BinomialDistribution b = new BinomialDistribution(null, n, levels[k]);
            out[k] = new double[] {b.inverseCumulativeProbability(0.025) / (double) n,
                b.inverseCumulativeProbability(0.975) / (double) n};
        }
        return out;
    }

    private static List<Double> box(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
