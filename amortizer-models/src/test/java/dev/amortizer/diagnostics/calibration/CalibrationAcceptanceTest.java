package dev.amortizer.diagnostics.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.data.Samples;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's acceptance on gaussian_linear, whose reference posterior N(x/2, 0.05·I) is sampled exactly: over 20
 * seeded repetitions (N = 300 held-out simulations, L = 99 draws), the exact posterior passes SBC, coverage and TARP
 * at the 5% level, and the same posterior with its spread scaled by 0.5 or 2, or shifted by one posterior sd in every
 * parameter, is flagged.
 */
class CalibrationAcceptanceTest {
    private static final int REPETITIONS = 20;
    private static final int HELD_OUT = 300;
    private static final int DRAWS = 99;
    private static final double LEVEL = 0.05;
    /** distortion → {SBC, coverage, TARP} repetitions flagged. */
    private static final Map<String, int[]> FLAGGED = new LinkedHashMap<>();

    @BeforeAll
    static void run() {
        Task task = TaskCatalog.byName("gaussian_linear");
        Posterior exact = task.referencePosterior().orElseThrow();
        Map<String, Posterior> posteriors = new LinkedHashMap<>();
        posteriors.put("exact", exact);
        posteriors.put("spread x0.5", new Distorted(exact, 0.5, 0));
        posteriors.put("spread x2", new Distorted(exact, 2, 0));
        posteriors.put("shift +1 sd", new Distorted(exact, 1, 1));
        for (Map.Entry<String, Posterior> e : posteriors.entrySet()) {
            int[] flagged = new int[3];
            for (int rep = 0; rep < REPETITIONS; rep++) {
                CalibrationResult r = Calibration.check(e.getValue(), task, HELD_OUT, DRAWS, Rng.seeded(1000 + rep));
                flagged[0] += r.sbcPValue() < LEVEL ? 1 : 0;
                flagged[1] += r.coveragePValue() < LEVEL ? 1 : 0;
                flagged[2] += r.tarpPValue() < LEVEL ? 1 : 0;
            }
            FLAGGED.put(e.getKey(), flagged);
            System.out.printf("%-12s flagged of %d: SBC %d, coverage %d, TARP %d%n", e.getKey(), REPETITIONS,
                    flagged[0], flagged[1], flagged[2]);
        }
    }

    /**
     * Each test has exactly the 5% level on an exact posterior (every rank and fraction is exactly uniform), so the
     * repetitions it flags are Binomial(20, 0.05): at most 1 of 20 (the 19 of 20) has probability 0.74 only.
     * At these seeds SBC flags 0, coverage 1 and TARP 0 of 20, which meets the 19 of 20; an earlier stream
     * of the same seeds (held-out simulations drawn in one thread) gave 1, 2 and 1: the level working as it should,
     * not a miscalibration. The assertion is therefore the strictest a correct 5% test
     * meets reliably: at most 3 of 20 (P(Bin(20, 0.05) ≥ 4) = 0.016).
     */
    @Test
    void exactPosteriorPassesEveryCheckAtTheNominalRate() {
        assertFlagged("exact", 0, 3);
    }

    @Test
    void tooNarrowIsFlaggedByEveryCheck() {
        assertFlagged("spread x0.5", 19, REPETITIONS);
    }

    @Test
    void tooWideIsFlaggedByEveryCheck() {
        assertFlagged("spread x2", 19, REPETITIONS);
    }

    @Test
    void shiftedIsFlaggedByEveryCheck() {
        assertFlagged("shift +1 sd", 19, REPETITIONS);
    }

    /** The HPD levels from a posterior's own density (as NPE gives) keep the 5% level on an exact posterior too. */
    @Test
    void coverageByThePosteriorsOwnDensityKeepsItsLevel() {
        Task task = TaskCatalog.byName("gaussian_linear");
        ExactDensity exact = new ExactDensity(task.referencePosterior().orElseThrow());
        int flagged = 0;
        for (int rep = 0; rep < REPETITIONS; rep++) {
            CalibrationResult r = Calibration.check(exact, task, HELD_OUT, DRAWS, Rng.seeded(2000 + rep));
            assertThat(r.posteriorDensity()).isTrue();
            flagged += r.coveragePValue() < LEVEL ? 1 : 0;
        }
        System.out.printf("exact with its density: coverage flagged %d of %d%n", flagged, REPETITIONS);
        assertThat(flagged).isLessThanOrEqualTo(3);
    }

    @Test
    void theResultDoesNotDependOnTheThreadCount() {
        Task task = TaskCatalog.byName("gaussian_linear");
        Posterior exact = task.referencePosterior().orElseThrow();
        CalibrationResult one = Calibration.check(exact, task, 40, 19, Rng.seeded(9), 1);
        CalibrationResult three = Calibration.check(exact, task, 40, 19, Rng.seeded(9), 3);
        for (int n = 0; n < one.simulations(); n++) {
            assertThat(three.hpdLevel(n)).isEqualTo(one.hpdLevel(n));
            assertThat(three.tarpFraction(n)).isEqualTo(one.tarpFraction(n));
            assertThat(three.zScore(n, 3)).isEqualTo(one.zScore(n, 3));
        }
        assertThat(three.ranks(0)).isEqualTo(one.ranks(0));
    }

    private static final String[] CHECKS = {"SBC", "coverage", "TARP"};

    private static void assertFlagged(String posterior, int atLeast, int atMost) {
        int[] flagged = FLAGGED.get(posterior);
        for (int c = 0; c < CHECKS.length; c++) {
            assertThat(flagged[c]).as("%s of the %s posterior: repetitions flagged of %d", CHECKS[c], posterior,
                    REPETITIONS).isBetween(atLeast, atMost);
        }
    }

    /** gaussian_linear's exact posterior N(x/2, 0.05·I) with its density, as an amortiser with a density. */
    private record ExactDensity(Posterior exact) implements AmortisedDensity {
        @Override
        public int parameterDim() {
            return exact.parameterDim();
        }

        @Override
        public Samples sample(double[] x, int n, Rng rng) {
            return exact.sample(x, n, rng);
        }

        @Override
        public String method() {
            return "exact";
        }

        @Override
        public CostLedger costLedger() {
            return CostLedger.empty();
        }

        @Override
        public double[] logDensity(double[][] theta, double[][] x) {
            double[] out = new double[theta.length];
            for (int r = 0; r < theta.length; r++) {
                double s = -0.5 * theta[r].length * Math.log(2 * Math.PI * 0.05);
                for (int j = 0; j < theta[r].length; j++) {
                    double d = theta[r][j] - x[r][j] / 2;
                    s -= 0.5 * d * d / 0.05;
                }
                out[r] = s;
            }
            return out;
        }
    }

    /**
     * The exact posterior's draws moved about their own mean m and sd s, per parameter: θ' = m + scale·(θ − m) +
     * shift·s. With scale 1 and shift 0 it is the exact posterior.
     */
    private record Distorted(Posterior exact, double scale, double shift) implements Posterior {
        @Override
        public int parameterDim() {
            return exact.parameterDim();
        }

        @Override
        public Samples sample(double[] x, int n, Rng rng) {
            Samples s = exact.sample(x, n, rng);
            double[] m = s.mean();
            double[] sd = s.sd();
            double[][] rows = s.toArray();
            for (double[] row : rows) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = m[j] + scale * (row[j] - m[j]) + shift * sd[j];
                }
            }
            return Samples.of(s.names(), rows);
        }
    }
}
