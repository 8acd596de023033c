package dev.amortizer.diagnostics.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every check on gaussian_linear, whose posterior N(x_o/2, 0.05·I) is known: a posterior a little wider than it
 * passes on simulated observations, one shifted or too narrow fails the checks meant to catch it, and the cost is
 * counted. (The exact posterior itself makes every weight equal up to rounding, whose "tail" k̂ cannot describe.)
 */
class ObservationChecksTest {
    private static final Task TASK = TaskCatalog.byName("gaussian_linear");
    private static final CheckOptions OPTIONS = new CheckOptions(500, 500, 300, 1000, 0.05, 2);
    private static TypicalityReference reference;

    @BeforeAll
    static void prepare() {
        reference = TypicalityReference.prepare(TASK, OPTIONS.referenceSimulations(),
                OPTIONS.calibrationSimulations(), OPTIONS.alpha(), Rng.seeded(31), 2);
    }

    /** N(x/2 + shift, 0.05 · scale² · I), with its density. */
    private record GaussianPosterior(double shift, double scale) implements AmortisedDensity {
        double sd() {
            return scale * Math.sqrt(0.05);
        }

        @Override
        public Samples sample(double[] x, int n, Rng rng) {
            double[][] rows = new double[n][x.length];
            for (double[] r : rows) {
                for (int i = 0; i < x.length; i++) {
                    r[i] = x[i] / 2 + shift + sd() * rng.nextGaussian();
                }
            }
            return Samples.of(TASK.parameterNames(), rows);
        }

        @Override
        public double[] logDensity(double[][] theta, double[][] x) {
            double[] out = new double[theta.length];
            for (int r = 0; r < theta.length; r++) {
                for (int i = 0; i < theta[r].length; i++) {
                    double z = (theta[r][i] - x[r][i] / 2 - shift) / sd();
                    out[r] += -0.5 * z * z - Math.log(sd()) - 0.5 * Math.log(2 * Math.PI);
                }
            }
            return out;
        }

        @Override
        public int parameterDim() {
            return TASK.parameterDim();
        }

        @Override
        public String method() {
            return "npe";
        }

        @Override
        public CostLedger costLedger() {
            return CostLedger.empty();
        }
    }

    private static int trustworthy(GaussianPosterior posterior, int observations, Rng rng) {
        double[][] xs = TASK.simulator().simulate(TASK.prior().sample(observations, rng.split()), rng.split());
        int passed = 0;
        for (double[] x : xs) {
            passed += ObservationChecks.run(TASK, posterior, x, reference, OPTIONS, rng.split()).trustworthy() ? 1 : 0;
        }
        return passed;
    }

    @Test
    void aSlightlyWidePosteriorIsTrustedOnSimulatedObservations() {
        // three tests at 5% each: at most about 15% false alarms; 14 of 20 leaves room for chance
        assertThat(trustworthy(new GaussianPosterior(0, 1.1), 20, Rng.seeded(1))).isGreaterThanOrEqualTo(14);
    }

    @Test
    void aTooNarrowPosteriorFailsParetoK() {
        double[] x = TASK.simulator().simulate(TASK.prior().sample(Rng.seeded(2)), Rng.seeded(3));
        ObservationReport narrow = ObservationChecks.run(TASK, new GaussianPosterior(0, 0.5), x, reference, OPTIONS,
                Rng.seeded(4));
        ObservationReport wide = ObservationChecks.run(TASK, new GaussianPosterior(0, 1.1), x, reference, OPTIONS,
                Rng.seeded(4));
        assertThat(wide.importance()).hasValueSatisfying(i -> assertThat(i.paretoK()).isLessThan(0.5));
        assertThat(narrow.importance()).hasValueSatisfying(i -> assertThat(i.paretoK()).isGreaterThan(0.7));
        assertThat(narrow.trustworthy()).isFalse();
        assertThat(narrow.warnings()).anySatisfy(w -> assertThat(w).contains("Pareto-k"));
    }

    @Test
    void aShiftedPosteriorFailsThePredictiveCheck() {
        Rng rng = Rng.seeded(5);
        double[] x = TASK.simulator().simulate(TASK.prior().sample(rng.split()), rng.split());
        ObservationReport r = ObservationChecks.run(TASK, new GaussianPosterior(1, 1.1), x, reference, OPTIONS,
                rng.split());
        assertThat(r.predictive()).hasValueSatisfying(p -> assertThat(p.overallPValue()).isLessThanOrEqualTo(0.05));
        assertThat(r.trustworthy()).isFalse();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("posterior predictive"));
    }

    @Test
    void anAtypicalObservationIsNamedAndTheCostCounted() {
        double[] x = new double[TASK.dataDim()];
        x[0] = 5; // prior-predictive sd is √0.2 ≈ 0.45: 11 of them
        ObservationReport r = ObservationChecks.run(TASK, new GaussianPosterior(0, 1.1), x, OPTIONS, Rng.seeded(6));
        assertThat(r.typicality().atypical()).isTrue();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("atypical"));
        assertThat(r.cost().get(Phase.VALIDATION).simulatorCalls()).isEqualTo(1000);
        assertThat(r.cost().get(Phase.QUERY).simulatorCalls()).isEqualTo(300);
        assertThat(r.cost().get(Phase.QUERY).likelihoodEvaluations()).isEqualTo(1000);
        assertThat(r.simulations()).isEqualTo(1300);
        assertThat(r.wallSeconds()).isPositive();
    }
}
