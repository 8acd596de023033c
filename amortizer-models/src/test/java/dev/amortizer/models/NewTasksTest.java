package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import org.apache.commons.math3.analysis.integration.RombergIntegrator;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.junit.jupiter.api.Test;

/** Each new task's simulator and likelihood against an independent computation of the maths. */
class NewTasksTest {
    @Test
    void gaussianLinearUniformHasVariancePointOneNoiseAndATruncatedPosterior() {
        GaussianLinearUniform task = new GaussianLinearUniform();
        double[] theta = {0.9, -0.9, 0, 0.5, -0.5, 0.1, 0.2, 0.3, -0.4, 0.6};
        double[][] xs = task.simulator().simulate(repeat(theta, 20_000), Rng.seeded(1));
        Samples s = Samples.of(task.dataNames(), xs);
        for (int i = 0; i < 10; i++) {
            assertThat(s.mean()[i]).isCloseTo(theta[i], within(0.01));
            assertThat(s.sd()[i]).isCloseTo(Math.sqrt(0.1), within(0.01));
        }
        double[] x = xs[0];
        double expected = 0;
        for (int i = 0; i < 10; i++) {
            expected += new NormalDistribution(theta[i], Math.sqrt(0.1)).logDensity(x[i]);
        }
        assertThat(task.likelihood().orElseThrow().logLikelihood(theta, x)).isCloseTo(expected, within(1e-9));
        double[] obs = {1.2, -1.1, 0, 0, 0, 0, 0, 0, 0, 0.95};
        Samples post = task.referencePosterior().orElseThrow().sample(obs, 5000, Rng.seeded(2));
        for (int r = 0; r < post.size(); r++) {
            assertThat(task.prior().logDensity(post.row(r))).isFinite();
        }
        assertThat(post.mean()[0]).isGreaterThan(0.4);
    }

    @Test
    void gaussianMixtureLikelihoodIsTheTwoComponentMixtureAndComponentsAreShared() {
        GaussianMixture task = new GaussianMixture();
        double[] theta = {1.5, -2};
        double[] x = {1.7, -2.3};
        double expected = Math.log(0.5 * normal2(x, theta, 1.0) + 0.5 * normal2(x, theta, 0.1));
        assertThat(task.likelihood().orElseThrow().logLikelihood(theta, x)).isCloseTo(expected, within(1e-9));
        double[][] xs = task.simulator().simulate(repeat(theta, 40_000), Rng.seeded(3));
        int bothNear = 0;
        int oneNear = 0;
        for (double[] v : xs) {
            boolean a = Math.abs(v[0] - theta[0]) < 0.3;
            boolean b = Math.abs(v[1] - theta[1]) < 0.3;
            bothNear += a && b ? 1 : 0;
            oneNear += a ^ b ? 1 : 0;
        }
        // Shared component: P(both within 0.3) = ½·P(|N(0,1)|<0.3)² + ½·P(|N(0,.01)|<0.3)² ≈ 0.5 + 0.5·0.0553.
        double pNarrow = 1 - 2 * new NormalDistribution(0, 0.1).cumulativeProbability(-0.3);
        double pWide = 1 - 2 * new NormalDistribution(0, 1).cumulativeProbability(-0.3);
        double expectedBoth = 0.5 * pNarrow * pNarrow + 0.5 * pWide * pWide;
        assertThat(bothNear / 40_000.0).isCloseTo(expectedBoth, within(0.01));
        assertThat(oneNear / 40_000.0).isCloseTo(pNarrow * (1 - pNarrow) + pWide * (1 - pWide), within(0.01));
    }

    @Test
    void bernoulliGlmLikelihoodIsTheSumOfBernoulliTermsOnTheRawSeries() {
        BernoulliGlmRaw raw = new BernoulliGlmRaw();
        BernoulliGlm summary = new BernoulliGlm();
        Rng rng = Rng.seeded(4);
        double[] theta = raw.prior().sample(rng);
        double[] y = raw.simulator().simulate(theta, rng);
        double[][] x = BernoulliGlmDesign.matrix();
        double expected = 0;
        for (int t = 0; t < 100; t++) {
            double psi = 0;
            for (int j = 0; j < 10; j++) {
                psi += x[t][j] * theta[j];
            }
            double p = 1 / (1 + Math.exp(-psi));
            expected += y[t] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        assertThat(raw.likelihood().orElseThrow().logLikelihood(theta, y)).isCloseTo(expected, within(1e-9));
        assertThat(summary.likelihood().orElseThrow().logLikelihood(theta, BernoulliGlmDesign.summary(y)))
                .isCloseTo(expected, within(1e-9));
        double[] notBinary = y.clone();
        notBinary[3] = 0.5;
        assertThatThrownBy(() -> raw.checkObservation(notBinary)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 4");
    }

    @Test
    void polyaGammaDrawsHaveTheKnownMean() {
        Rng rng = Rng.seeded(5);
        for (double c : new double[] {0, 0.5, 2, 8}) {
            int n = 40_000;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += PolyaGamma.sample(c, rng);
            }
            double mean = c == 0 ? 0.25 : Math.tanh(c / 2) / (2 * c);
            assertThat(sum / n).as("E PG(1, %s)", c).isCloseTo(mean, within(0.02 * mean + 0.002));
        }
    }

    @Test
    void sirSolvesTheOdeAndDrawsBinomials() {
        Sir task = new Sir();
        double[] theta = {0.5, 0.12};
        double[] p = Sir.infectedFractions(theta);
        double[] reference = rungeKuttaSir(theta);
        for (int j = 0; j < 10; j++) {
            assertThat(p[j]).isCloseTo(reference[j], within(1e-6 * Math.max(reference[j], 1e-6) + 1e-9));
        }
        double[] x = task.simulator().simulate(theta, Rng.seeded(6));
        double expected = 0;
        for (int j = 0; j < 10; j++) {
            expected += new BinomialDistribution(1000, p[j]).logProbability((int) x[j]);
        }
        assertThat(task.likelihood().orElseThrow().logLikelihood(theta, x)).isCloseTo(expected, within(1e-6));
        int n = 20_000;
        double sum = 0;
        double sumSq = 0;
        Rng rng = Rng.seeded(7);
        for (int i = 0; i < n; i++) {
            int k = Sir.Binomial.sample(1000, 0.3, rng);
            sum += k;
            sumSq += (double) k * k;
        }
        assertThat(sum / n).isCloseTo(300.0, within(0.5));
        assertThat(sumSq / n - (sum / n) * (sum / n)).isCloseTo(210.0, within(8.0));
    }

    @Test
    void lotkaVolterraPutsPreyFirstAndUsesLogNormalNoise() {
        LotkaVolterra task = new LotkaVolterra();
        double[] theta = {0.8, 0.05, 0.9, 0.04};
        double[] m = LotkaVolterra.logMeans(theta);
        assertThat(Math.exp(m[0])).isCloseTo(30, within(1e-4));
        assertThat(Math.exp(m[10])).isCloseTo(1, within(1e-6));
        double[] x = task.simulator().simulate(theta, Rng.seeded(8));
        double expected = 0;
        for (int i = 0; i < 20; i++) {
            expected += new LogNormalDistribution(m[i], 0.1).logDensity(x[i]);
        }
        assertThat(task.likelihood().orElseThrow().logLikelihood(theta, x)).isCloseTo(expected, within(1e-6));
        double[] bad = x.clone();
        bad[0] = -1;
        assertThat(task.likelihood().orElseThrow().logLikelihood(theta, bad)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void exponentialIntegralMatchesNumericalIntegration() {
        RombergIntegrator integrator = new RombergIntegrator(1e-12, 1e-14, 5, 32);
        for (double u : new double[] {1e-4, 0.01, 0.3, 1.0, 1.5, 4, 12}) {
            // E1(u) = ∫_0^1 e^{-u/s} / s ds after t = u/s.
            double numeric = integrator.integrate(10_000_000, s -> s == 0 ? 0 : Math.exp(-u / s) / s, 0, 1);
            assertThat(ExponentialIntegral.e1(u)).as("E1(%s)", u).isCloseTo(numeric, within(1e-8 * numeric + 1e-12));
        }
        assertThatThrownBy(() -> ExponentialIntegral.e1(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theisDrawdownFollowsJacobsLateTimeLine() {
        double[] theta = {2, -4};
        double[] s = Theis.drawdown(theta);
        double t = 100;
        double st = 1e-4;
        for (int i = 6; i < 12; i++) {
            double u = Theis.DISTANCE * Theis.DISTANCE * st / (4 * t * Theis.TIMES[i]);
            double jacob = Theis.PUMPING_RATE / (4 * Math.PI * t) * (-0.5772156649 - Math.log(u));
            assertThat(s[i]).isCloseTo(jacob, within(Theis.PUMPING_RATE / (4 * Math.PI * t) * u * 1.01));
        }
        for (int i = 1; i < 12; i++) {
            assertThat(s[i]).isGreaterThan(s[i - 1]);
        }
    }

    @Test
    void gAndKQuantileIsTheNormalAtZeroSkewAndKurtosis() {
        double[] theta = {3, 1, 0, 0};
        NormalDistribution n = new NormalDistribution(3, 1);
        for (double u : new double[] {0.05, 0.3, 0.5, 0.9}) {
            assertThat(GAndK.quantile(u, theta)).isCloseTo(n.inverseCumulativeProbability(u), within(1e-9));
        }
        double[] summaries = new GAndK().simulator().simulate(new double[] {3, 1, 2, 0.5}, Rng.seeded(9));
        assertThat(summaries[0]).isCloseTo(3, within(0.3));
        assertThat(summaries[2]).isGreaterThan(0);
        assertThat(new GAndK().likelihood()).isEmpty();
    }

    private static double[] rungeKuttaSir(double[] theta) {
        double[] p = new double[10];
        double[] y = {1e6 - 1, 1};
        ClassicalRungeKuttaIntegrator rk = new ClassicalRungeKuttaIntegrator(0.001);
        org.apache.commons.math3.ode.FirstOrderDifferentialEquations ode =
                new org.apache.commons.math3.ode.FirstOrderDifferentialEquations() {
                    @Override
                    public int getDimension() {
                        return 2;
                    }

                    @Override
                    public void computeDerivatives(double t, double[] v, double[] dv) {
                        double inf = theta[0] * v[0] * v[1] / 1e6;
                        dv[0] = -inf;
                        dv[1] = inf - theta[1] * v[1];
                    }
                };
        p[0] = 1e-6;
        for (int j = 1; j < 10; j++) {
            rk.integrate(ode, 17.0 * (j - 1), y, 17.0 * j, y);
            p[j] = y[1] / 1e6;
        }
        return p;
    }

    private static double normal2(double[] x, double[] mean, double sd) {
        double r2 = (x[0] - mean[0]) * (x[0] - mean[0]) + (x[1] - mean[1]) * (x[1] - mean[1]);
        return Math.exp(-0.5 * r2 / (sd * sd)) / (2 * Math.PI * sd * sd);
    }

    private static double[][] repeat(double[] row, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = row;
        }
        return out;
    }
}
