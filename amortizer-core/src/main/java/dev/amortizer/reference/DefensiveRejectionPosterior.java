package dev.amortizer.reference;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact draws from p(θ | x_o) ∝ p(x_o | θ) p(θ) by rejection from a fitted defensive proposal, in three stages, all
 * in the unconstrained space z = φ⁻¹(θ) of the prior's support (target π(z) = p(x_o | φ(z)) p(φ(z)) |φ'(z)|):
 *
 * <ol>
 *   <li><b>Fit.</b> Tempered importance sampling: round 0 draws from the prior; each round weights its draws by
 *       π_β(z)/q(z) with π_β ∝ p(x_o|θ)^β p(θ), raises β (towards 1) as far as keeps the effective sample size at
 *       half its value at the previous β (at least 200, and enough when half the draws are kept), fits a Gaussian mixture g by EM to the weighted draws and proposes from
 *       q = 0.1·p_z + 0.9·g next. It stops after three rounds at β = 1, or one with an effective size of 30%.</li>
 *   <li><b>Bound.</b> log M = max log(π/q) over every draw made so far (prior draws included) plus log 1.2, sbibm's
 *       safety factor.</li>
 *   <li><b>Reject.</b> z ~ q, u ~ U(0, 1); accept when log π(z) − log M − log q(z) &gt; log u. If a draw shows
 *       π/q &gt; M, M was no bound: log M becomes that value + log 1.2 and the draws accepted so far are discarded,
 *       so every returned draw passed the test under a true bound and the output is exact.</li>
 * </ol>
 *
 * <p>This replaces sbibm's SIR/MCMC + neural-spline-flow proposal by a mixture fit; the rejection step, and so
 * the exactness, is the same. As in sbibm, M is an estimate; here any draw that exceeds it restarts stage 3 with a
 * larger M, and {@link Run#boundRaises()} reports how often. The space is z = θ ({@code unconstrained = false},
 * sbibm's choice for slcp) or the prior support's unconstrained map (log θ for positive priors). {@code Samples s = new DefensiveRejectionPosterior(prior, ll, names, Settings.of(6)).sample(x, 10_000, rng);}
 */
public final class DefensiveRejectionPosterior implements Posterior {
    private static final double PRIOR_WEIGHT = 0.1;
    private static final double LOG_SAFETY = Math.log(1.2);
    private static final int MAX_ROUNDS = 60;
    private static final int ROUNDS_AT_ONE = 3;
    private static final double MIN_ESS = 200;

    private final Prior prior;
    private final LogLikelihood likelihood;
    private final List<String> names;
    private final Settings settings;
    private final Bijection map;

    /**
     * @param drawsPerRound draws per fitting round
     * @param components mixture components of the fit
     * @param threads threads evaluating the likelihood (results do not depend on it)
     * @param unconstrained whether to fit in the unconstrained space of the prior's support rather than in θ
     */
    public record Settings(int drawsPerRound, int components, int threads, boolean unconstrained) {
        public Settings {
            if (drawsPerRound < 100 || components < 1 || threads < 1) {
                throw new IllegalArgumentException("need drawsPerRound >= 100, components >= 1, threads >= 1; got "
                        + drawsPerRound + ", " + components + ", " + threads);
            }
        }

        /** 5,000 draws per round, {@code components} components, 2 threads, in the unconstrained space. */
        public static Settings of(int components) {
            return new Settings(5000, components, 2, true);
        }
    }

    /**
     * What one run did.
     *
     * @param samples the accepted draws, in order of acceptance
     * @param rounds fitting rounds
     * @param evaluations likelihood evaluations in all
     * @param acceptanceRate accepted / proposed in the rejection stage (since the last bound raise)
     * @param boundRaises times a draw exceeded the bound and the stage restarted
     * @param logBound the final log M
     */
    public record Run(Samples samples, int rounds, long evaluations, double acceptanceRate, int boundRaises,
            double logBound) {
    }

    public DefensiveRejectionPosterior(Prior prior, LogLikelihood likelihood, List<String> names, Settings settings) {
        if (names.size() != prior.dim()) {
            throw new IllegalArgumentException(names.size() + " parameter names for a prior of dimension " + prior.dim());
        }
        this.prior = prior;
        this.likelihood = likelihood;
        this.names = List.copyOf(names);
        this.settings = settings;
        this.map = settings.unconstrained() ? Bijection.forSupport(prior.support()) : Bijection.identity(prior.dim());
    }

    @Override
    public int parameterDim() {
        return prior.dim();
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        return run(x, n, rng).samples();
    }

    /** The three stages for observation {@code x}, {@code n} accepted draws. */
    public Run run(double[] x, int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Rng fitRng = rng.split();
        Rng rejectRng = rng.split();
        try (ParallelLogTarget target = new ParallelLogTarget(z -> logTarget(z, x), settings.threads())) {
            List<double[]> seen = new ArrayList<>();
            List<Double> seenLogTarget = new ArrayList<>();
            DefensiveProposal q = DefensiveProposal.priorOnly(prior, map);
            double beta = 0;
            int rounds = 0;
            int roundsAtOne = 0;
            int size = settings.drawsPerRound();
            while (rounds < MAX_ROUNDS) {
                rounds++;
                double[][] z = new double[size][];
                for (int i = 0; i < size; i++) {
                    z[i] = q.sample(fitRng);
                }
                double[] lt = target.evaluate(z);
                double[] ll = new double[size];
                double[] base = new double[size];
                for (int i = 0; i < size; i++) {
                    double lp = q.logPrior(z[i]);
                    ll[i] = lt[i] - lp;
                    base[i] = lp - q.logDensity(z[i]);
                    seen.add(z[i]);
                    seenLogTarget.add(lt[i]);
                }
                if (beta == 1) {
                    roundsAtOne++;
                }
                double floor = Math.min(0.5 * size, Math.max(MIN_ESS, 0.5 * effectiveSize(weights(ll, base, beta))));
                beta = nextTemperature(ll, base, beta, floor);
                double[] w = weights(ll, base, beta);
                double ess = effectiveSize(w);
                if (!(ess > 0)) {
                    throw new IllegalStateException("every draw of round " + rounds + " has zero posterior density;"
                            + " is the observation possible under this prior?");
                }
                trace("round %d: beta %.4g, ess %.0f of %d", rounds, beta, ess, size);
                q = new DefensiveProposal(prior, map, GaussianMixtureEm.fit(z, w, settings.components(), fitRng),
                        PRIOR_WEIGHT);
                if (roundsAtOne >= ROUNDS_AT_ONE || (roundsAtOne > 0 && ess >= 0.3 * size)) {
                    break;
                }
            }
            double logBound = bound(seen, seenLogTarget, q);
            trace("log bound %.4g after %d evaluations", logBound, target.evaluations());
            DefensiveProposal proposal = q;
            try (ParallelLogTarget ratio = new ParallelLogTarget(z -> logTarget(z, x) - proposal.logDensity(z),
                    settings.threads())) {
                return reject(n, q, logBound, ratio, rejectRng, rounds, target.evaluations());
            }
        }
    }

    private double logTarget(double[] z, double[] x) {
        double[] theta = map.forward(z);
        double lp = prior.logDensity(theta);
        if (lp == Double.NEGATIVE_INFINITY) {
            return lp;
        }
        double ll = likelihood.logLikelihood(theta, x);
        return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll + lp + map.logAbsDetJacobian(z);
    }

    private static double bound(List<double[]> seen, List<Double> seenLogTarget, DefensiveProposal q) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < seen.size(); i++) {
            best = Math.max(best, seenLogTarget.get(i) - q.logDensity(seen.get(i)));
        }
        return best + LOG_SAFETY;
    }

    /** Stage 3; {@code ratio} evaluates log π(z) − log q(z) on the pool. */
    private Run reject(int n, DefensiveProposal q, double logBound, ParallelLogTarget ratio, Rng rng, int rounds,
            long fitEvaluations) {
        List<double[]> accepted = new ArrayList<>(n);
        int raises = 0;
        long proposed = 0;
        int batch = Math.max(1000, Math.min(10_000, 2 * n));
        while (accepted.size() < n) {
            double[][] z = new double[batch][];
            double[] logU = new double[batch];
            for (int i = 0; i < batch; i++) {
                z[i] = q.sample(rng);
                logU[i] = Math.log(rng.nextOpenDouble());
            }
            double[] ratios = ratio.evaluate(z);
            trace("rejection: %d accepted of %d proposed", accepted.size(), proposed);
            for (int i = 0; i < batch && accepted.size() < n; i++) {
                double r = Double.isNaN(ratios[i]) ? Double.NEGATIVE_INFINITY : ratios[i];
                if (r > logBound) {
                    trace("bound raised from %.4g to %.4g with %d accepted of %d", logBound, r + LOG_SAFETY,
                            accepted.size(), proposed);
                    logBound = r + LOG_SAFETY;
                    accepted.clear();
                    proposed = 0;
                    raises++;
                }
                proposed++;
                if (r - logBound > logU[i]) {
                    accepted.add(map.forward(z[i]));
                }
            }
        }
        return new Run(Samples.of(names, accepted.toArray(new double[0][])), rounds, fitEvaluations + ratio.evaluations(),
                (double) n / proposed, raises, logBound);
    }

    private static void trace(String format, Object... args) {
        if (Boolean.getBoolean("amortizer.reference.trace")) {
            System.err.println("reference: " + String.format(format, args));
        }
    }

    /** The largest β in [from, 1] whose weights keep an effective size of at least {@code minEss}, else {@code from}. */
    static double nextTemperature(double[] ll, double[] base, double from, double minEss) {
        if (effectiveSize(weights(ll, base, 1)) >= minEss) {
            return 1;
        }
        if (effectiveSize(weights(ll, base, from)) < minEss) {
            return from;
        }
        double lo = from;
        double hi = 1;
        for (int i = 0; i < 50; i++) {
            double mid = 0.5 * (lo + hi);
            if (effectiveSize(weights(ll, base, mid)) >= minEss) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** w_i ∝ exp(β ℓ_i + b_i), scaled so the largest is 1; −∞ terms give 0. */
    static double[] weights(double[] ll, double[] base, double beta) {
        double[] lw = new double[ll.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ll.length; i++) {
            lw[i] = ll[i] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : beta * ll[i] + base[i];
            if (Double.isNaN(lw[i])) {
                lw[i] = Double.NEGATIVE_INFINITY;
            }
            max = Math.max(max, lw[i]);
        }
        double[] w = new double[ll.length];
        if (max == Double.NEGATIVE_INFINITY) {
            return w;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(lw[i] - max);
        }
        return w;
    }

    /** (Σw)² / Σw². */
    static double effectiveSize(double[] w) {
        double s = 0;
        double s2 = 0;
        for (double v : w) {
            s += v;
            s2 += v * v;
        }
        return s2 > 0 ? s * s / s2 : 0;
    }
}
