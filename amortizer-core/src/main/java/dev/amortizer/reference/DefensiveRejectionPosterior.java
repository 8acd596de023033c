package dev.amortizer.reference;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Exact draws from p(θ | x_o) ∝ p(x_o | θ) p(θ) by rejection from a fitted defensive proposal, in four stages, all
 * in the unconstrained space z = φ⁻¹(θ) of the prior's support (target π(z) = p(x_o | φ(z)) p(φ(z)) |φ'(z)|):
 *
 * <ol>
 *   <li><b>Fit.</b> Tempered importance sampling: round 0 draws from the prior; each round weights its draws by
 *       π_β(z)/q(z) with π_β ∝ p(x_o|θ)^β p(θ), raises β (towards 1) as far as keeps the effective sample size at
 *       half its value at the previous β (at least 200, and enough when half the draws are kept), fits a Gaussian mixture g by EM to the weighted draws and proposes from
 *       q = 0.1·p_z + 0.9·g next. It stops after three rounds at β = 1, or one with an effective size of 30%.
 *       Where the target is even in some coordinates ({@link Settings#mirrored()}), each fit also sees the draws'
 *       mirror images.</li>
 *   <li><b>Cover.</b> If the bound of stage 3 would leave an expected acceptance below 10⁻³ (the fit missed part of
 *       the posterior that some earlier draw found), the mixture is refitted to every draw so far with
 *       deterministic-mixture importance weights and a round is drawn from it, up to 10 times. A fit that passes
 *       the test the first time is used as it is.</li>
 *   <li><b>Bound.</b> log M = max log(π/q) over every draw made so far (prior draws included) plus log 1.2, sbibm's
 *       safety factor.</li>
 *   <li><b>Reject.</b> z ~ q, u ~ U(0, 1); accept when log π(z) − log M − log q(z) &gt; log u. If a draw shows
 *       π/q &gt; M, M was no bound: log M becomes that value + log 1.2 and the draws accepted so far are discarded,
 *       so every returned draw passed the test under a true bound and the output is exact.</li>
 * </ol>
 *
 * <p>This replaces sbibm's SIR/MCMC + neural-spline-flow proposal by a mixture fit; the rejection step, and so
 * the exactness, is the same. As in sbibm, M is an estimate; here any draw that exceeds it restarts stage 4 with a
 * larger M, and {@link Run#boundRaises()} reports how often. The space is z = θ ({@code unconstrained = false},
 * sbibm's choice for slcp) or the prior support's unconstrained map (log θ for positive priors). {@code Samples s = new DefensiveRejectionPosterior(prior, ll, names, Settings.of(6)).sample(x, 10_000, rng);}
 *
 * <p>Over 300 lines because its four stages share the fitted mixture, the bound M and the thread pool.
 */
public final class DefensiveRejectionPosterior implements Posterior {
    private static final double PRIOR_WEIGHT = 0.1;
    private static final double LOG_SAFETY = Math.log(1.2);
    private static final int MAX_ROUNDS = 60;
    private static final int ROUNDS_AT_ONE = 3;
    private static final double MIN_ESS = 200;
    private static final int MAX_MIRRORED = 8;
    private static final int MAX_COVERING_ROUNDS = 10;
    private static final double MIN_ACCEPTANCE = 1e-3;
    private static final double LOG_MIN_ACCEPTANCE = Math.log(MIN_ACCEPTANCE);

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
     * @param mirrored coordinates of z the target is even in, each on its own (π(z) unchanged when z_i changes
     *     sign): each round's fit also sees every draw's mirror images, so a proposal cannot miss a mirrored mode.
     *     A wrong claim makes the proposal worse, never the draws inexact: the rejection stage is unchanged.
     */
    public record Settings(int drawsPerRound, int components, int threads, boolean unconstrained,
                           List<Integer> mirrored) {
        public Settings {
            if (drawsPerRound < 100 || components < 1 || threads < 1) {
                throw new IllegalArgumentException("need drawsPerRound >= 100, components >= 1, threads >= 1; got "
                        + drawsPerRound + ", " + components + ", " + threads);
            }
            mirrored = mirrored.stream().distinct().sorted().toList();
            if (mirrored.size() > MAX_MIRRORED || mirrored.stream().anyMatch(i -> i < 0)) {
                throw new IllegalArgumentException("mirrored coordinates must be at most " + MAX_MIRRORED
                        + " indices >= 0; got " + mirrored);
            }
        }

        /** No mirror symmetry. */
        public Settings(int drawsPerRound, int components, int threads, boolean unconstrained) {
            this(drawsPerRound, components, threads, unconstrained, List.of());
        }

        /** 5,000 draws per round, {@code components} components, 2 threads, in the unconstrained space. */
        public static Settings of(int components) {
            return new Settings(5000, components, 2, true);
        }

        /** These settings, with the target even in each of {@code coordinates} of z. */
        public Settings mirroredIn(Integer... coordinates) {
            return new Settings(drawsPerRound, components, threads, unconstrained, List.of(coordinates));
        }
    }

    /**
     * What one run did.
     *
     * @param samples the accepted draws, in order of acceptance
     * @param rounds fitting rounds, covering rounds included
     * @param coveringRounds rounds of the cover stage (refits to every draw so far)
     * @param evaluations likelihood evaluations in all
     * @param acceptanceRate accepted / proposed in the rejection stage (since the last bound raise)
     * @param boundRaises times a draw exceeded the bound and the stage restarted
     * @param logBound the final log M
     */
    public record Run(Samples samples, int rounds, int coveringRounds, long evaluations, double acceptanceRate,
            int boundRaises, double logBound) {
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
        settings.mirrored().stream().filter(i -> i >= prior.dim()).findAny().ifPresent(i -> {
            throw new IllegalArgumentException("mirrored coordinate " + i + " is outside a prior of dimension "
                    + prior.dim());
        });
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
        return run(x, n, rng, Long.MAX_VALUE);
    }

    /**
     * As {@link #run(double[], int, Rng)}, giving up once {@code maxEvaluations} likelihood evaluations are spent:
     * with a poor fit the rejection stage has no other end, and a caller with a fallback would rather know.
     *
     * @throws IllegalStateException when the budget runs out before {@code n} draws are accepted
     */
    public Run run(double[] x, int n, Rng rng, long maxEvaluations) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations must be >= 1, got " + maxEvaluations);
        }
        Rng fitRng = rng.split();
        Rng rejectRng = rng.split();
        try (ParallelLogTarget target = new ParallelLogTarget(z -> logTarget(z, x), settings.threads())) {
            Pool pool = new Pool();
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
                pool.add(q, z, lt);
                double[] ll = new double[size];
                double[] base = new double[size];
                for (int i = 0; i < size; i++) {
                    double lp = q.logPrior(z[i]);
                    ll[i] = lt[i] - lp;
                    base[i] = lp - q.logDensity(z[i]);
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
                q = new DefensiveProposal(prior, map, fitWithMirrors(z, w, fitRng), PRIOR_WEIGHT);
                if (roundsAtOne >= ROUNDS_AT_ONE || (roundsAtOne > 0 && ess >= 0.3 * size)) {
                    break;
                }
            }
            double logBound = bound(pool, q);
            int covering = 0;
            while (covering < MAX_COVERING_ROUNDS) {
                double shortfall = pool.logLastMeanRatio() - logBound - LOG_MIN_ACCEPTANCE;
                if (shortfall >= 0) {
                    break;
                }
                covering++;
                trace("covering round %d: expected acceptance %.3g", covering, Math.exp(shortfall) * MIN_ACCEPTANCE);
                rounds++;
                q = new DefensiveProposal(prior, map, pool.refit(fitRng), PRIOR_WEIGHT);
                double[][] z = new double[size][];
                for (int i = 0; i < size; i++) {
                    z[i] = q.sample(fitRng);
                }
                pool.add(q, z, target.evaluate(z));
                logBound = bound(pool, q);
            }
            trace("log bound %.4g after %d evaluations", logBound, target.evaluations());
            DefensiveProposal proposal = q;
            try (ParallelLogTarget ratio = new ParallelLogTarget(z -> logTarget(z, x) - proposal.logDensity(z),
                    settings.threads())) {
                return reject(n, q, logBound, ratio, rejectRng, rounds, covering, target.evaluations(), maxEvaluations);
            }
        }
    }

    /** The mixture fit to the weighted draws and, where the target is mirror-symmetric, all their images. */
    private GaussianMixture fitWithMirrors(double[][] z, double[] w, Rng rng) {
        List<Integer> axes = settings.mirrored();
        int images = 1 << axes.size();
        double[][] points = new double[z.length * images][];
        double[] weights = new double[points.length];
        for (int m = 0; m < images; m++) {
            for (int i = 0; i < z.length; i++) {
                double[] p = z[i].clone();
                for (int a = 0; a < axes.size(); a++) {
                    if ((m >> a & 1) == 1) {
                        p[axes.get(a)] = -p[axes.get(a)];
                    }
                }
                points[m * z.length + i] = p;
                weights[m * z.length + i] = w[i];
            }
        }
        return GaussianMixtureEm.fit(points, weights, settings.components(), rng);
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

    /** log M: the largest log π/q over every draw so far, plus the safety margin. */
    private static double bound(Pool pool, DefensiveProposal q) {
        double best = Double.NEGATIVE_INFINITY;
        int arg = -1;
        for (int i = 0; i < pool.draws.size(); i++) {
            double r = pool.logTargets.get(i) - q.logDensity(pool.draws.get(i));
            if (r > best) {
                best = r;
                arg = i;
            }
        }
        if (arg >= 0) {
            trace("largest log π/q %.4g at draw %d of %d, z = %s (log π %.4g, log q %.4g, log prior %.4g)", best, arg,
                    pool.draws.size(), Arrays.toString(pool.draws.get(arg)), pool.logTargets.get(arg),
                    q.logDensity(pool.draws.get(arg)), q.logPrior(pool.draws.get(arg)));
        }
        return best + LOG_SAFETY;
    }

    /**
     * Every draw so far, with its log target and the proposal of its round. When the fit has missed part of the
     * posterior (a mode that only a few early draws found), its ratio π/q there is huge and rejection would crawl;
     * {@link #refit} then fits the mixture to all draws at once, weighted by π/Q with Q the mixture of all the
     * rounds' proposals in proportion to their draws (the deterministic-mixture weights of multiple importance
     * sampling), so the draws that found the missed part carry their true weight into the fit.
     */
    private final class Pool {
        private static final double NEGLIGIBLE = 1e-9;
        final List<double[]> draws = new ArrayList<>();
        final List<Double> logTargets = new ArrayList<>();
        private final List<DefensiveProposal> proposals = new ArrayList<>();
        private final List<Integer> sizes = new ArrayList<>();
        private double logLastMeanRatio;

        void add(DefensiveProposal q, double[][] z, double[] lt) {
            proposals.add(q);
            sizes.add(z.length);
            double[] ratios = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                draws.add(z[i]);
                logTargets.add(lt[i]);
                ratios[i] = lt[i] - q.logDensity(z[i]);
            }
            logLastMeanRatio = logMeanExp(ratios);
        }

        /** log of the mean π/q over the latest round: its estimate of the normalising constant. */
        double logLastMeanRatio() {
            return logLastMeanRatio;
        }

        GaussianMixture refit(Rng rng) {
            int n = draws.size();
            double[] logW = new double[n];
            double[] terms = new double[proposals.size()];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < terms.length; r++) {
                    terms[r] = Math.log((double) sizes.get(r) / n) + proposals.get(r).logDensity(draws.get(i));
                }
                logW[i] = logTargets.get(i) - logSumExp(terms);
                if (Double.isNaN(logW[i])) {
                    logW[i] = Double.NEGATIVE_INFINITY;
                }
                max = Math.max(max, logW[i]);
            }
            List<double[]> kept = new ArrayList<>();
            List<Double> keptWeights = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double w = Math.exp(logW[i] - max);
                if (w > NEGLIGIBLE) {
                    kept.add(draws.get(i));
                    keptWeights.add(w);
                }
            }
            trace("refit on %d of %d draws", kept.size(), n);
            return fitWithMirrors(kept.toArray(new double[0][]),
                    keptWeights.stream().mapToDouble(Double::doubleValue).toArray(), rng);
        }
    }

    private static double logMeanExp(double[] v) {
        return logSumExp(v) - Math.log(v.length);
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            if (!Double.isNaN(a)) {
                max = Math.max(max, a);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double a : v) {
            if (!Double.isNaN(a)) {
                sum += Math.exp(a - max);
            }
        }
        return max + Math.log(sum);
    }

    /** Stage 4 (reject); {@code ratio} evaluates log π(z) − log q(z) on the pool. */
    private Run reject(int n, DefensiveProposal q, double logBound, ParallelLogTarget ratio, Rng rng, int rounds,
            int covering, long fitEvaluations, long maxEvaluations) {
        List<double[]> accepted = new ArrayList<>(n);
        int raises = 0;
        long proposed = 0;
        int batch = Math.max(1000, Math.min(10_000, 2 * n));
        while (accepted.size() < n) {
            long spent = fitEvaluations + ratio.evaluations();
            if (spent >= maxEvaluations) {
                throw new IllegalStateException(String.format(Locale.ROOT, "exact rejection ran out of its"
                        + " budget of %,d likelihood evaluations with %,d of %,d draws accepted (acceptance rate %.3g"
                        + " after %,d proposals)", maxEvaluations, accepted.size(), n,
                        proposed == 0 ? Double.NaN : (double) accepted.size() / proposed, proposed));
            }
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
        return new Run(Samples.of(names, accepted.toArray(new double[0][])), rounds, covering,
                fitEvaluations + ratio.evaluations(), (double) n / proposed, raises, logBound);
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
