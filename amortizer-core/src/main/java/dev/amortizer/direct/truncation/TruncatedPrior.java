package dev.amortizer.direct.truncation;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The prior restricted to a {@link HighProbabilityRegion} R: p̃(θ) = p(θ) 1[θ ∈ R] / P(R), drawn by rejection.
 *
 * <p>A pilot of {@link Settings#pilot()} prior draws estimates P(R). Where it is at least
 * {@link Settings#minAcceptance()}, draws are θ ~ p(θ) kept when in R (exact). Below, rejection from the prior would
 * waste too many proposals, so the sampler falls back to the box B that holds R's defining draws, widened by
 * {@link Settings#boxMargin()} of its width on each side and cut to the prior's support: θ uniform on B, kept when in
 * R and with probability p(θ) / M, M the largest prior density among the pilot's uniform points of B. This is exact
 * for a uniform prior (every θ has the same density) and where R lies inside B; elsewhere it flattens the prior where
 * its density exceeds M and misses R's parts outside B, both slight for a region that q's draws span. Every call is
 * capped at {@link Settings#maxProposalsPerDraw()} proposals per draw asked for, and fails rather than loop on.
 *
 * <p>{@code Prior truncated = TruncatedPrior.of(prior, region, TruncatedPrior.Settings.defaults(), rng);}
 */
public final class TruncatedPrior implements Prior {
    /** Uniform points of the box the pilot draws to find the prior's largest density there. */
    private static final int DENSITY_PROBES = 1_000;
    private static final int BATCH = 1_000;

    /**
     * How the truncated prior is drawn.
     *
     * @param pilot               prior draws that estimate the region's prior mass, ≥ 1
     * @param minAcceptance       below this estimated mass the box fallback is used, in [0, 1]
     * @param maxProposalsPerDraw proposals allowed per draw asked for before failing, ≥ 1
     * @param boxMargin           the fallback box's widening on each side, as a share of its width, ≥ 0
     */
    public record Settings(int pilot, double minAcceptance, int maxProposalsPerDraw, double boxMargin) {
        public Settings {
            if (pilot < 1) {
                throw new IllegalArgumentException("pilot is " + pilot + ", expected >= 1");
            }
            if (!(minAcceptance >= 0 && minAcceptance <= 1)) {
                throw new IllegalArgumentException("minAcceptance is " + minAcceptance + ", expected [0, 1]");
            }
            if (maxProposalsPerDraw < 1) {
                throw new IllegalArgumentException("maxProposalsPerDraw is " + maxProposalsPerDraw + ", expected >= 1");
            }
            if (!(boxMargin >= 0 && boxMargin < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("boxMargin is " + boxMargin + ", expected a finite number >= 0");
            }
        }

        /**
         * A pilot of 10,000 draws; the fallback below 0.1 % acceptance (rejection from the prior would then spend
         * over 1,000 proposals and log-density evaluations per draw); at most 10⁴ proposals per draw; a 10 % margin.
         */
        public static Settings defaults() {
            return new Settings(10_000, 1e-3, 10_000, 0.1);
        }
    }

    private final Prior prior;
    private final HighProbabilityRegion region;
    private final Settings settings;
    private final double pilotAcceptance;
    private final double[] boxLower;
    private final double[] boxUpper;
    private final double logMaxDensity;
    private final AtomicLong proposals = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    private TruncatedPrior(Prior prior, HighProbabilityRegion region, Settings settings, double pilotAcceptance,
                           double[] boxLower, double[] boxUpper, double logMaxDensity) {
        this.prior = prior;
        this.region = region;
        this.settings = settings;
        this.pilotAcceptance = pilotAcceptance;
        this.boxLower = boxLower;
        this.boxUpper = boxUpper;
        this.logMaxDensity = logMaxDensity;
    }

    /** Runs the pilot with {@code rng} and chooses rejection from the prior or the box fallback. */
    public static TruncatedPrior of(Prior prior, HighProbabilityRegion region, Settings settings, Rng rng) {
        if (prior == null || region == null || settings == null) {
            throw new IllegalArgumentException("prior, region and settings must not be null");
        }
        if (region.lower().length != prior.dim()) {
            throw new IllegalArgumentException("the region has dimension " + region.lower().length + ", the prior "
                    + prior.dim());
        }
        int hits = 0;
        for (boolean in : region.contains(prior.sample(settings.pilot(), rng))) {
            hits += in ? 1 : 0;
        }
        double acceptance = (double) hits / settings.pilot();
        if (acceptance >= settings.minAcceptance() && hits > 0) {
            return new TruncatedPrior(prior, region, settings, acceptance, null, null, Double.NaN);
        }
        Support support = prior.support();
        double[] lo = region.lower();
        double[] hi = region.upper();
        for (int j = 0; j < lo.length; j++) {
            double pad = settings.boxMargin() * (hi[j] - lo[j]);
            lo[j] = Math.max(support.lower()[j], lo[j] - pad);
            hi[j] = Math.min(support.upper()[j], hi[j] + pad);
        }
        double logMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < DENSITY_PROBES; i++) {
            logMax = Math.max(logMax, prior.logDensity(uniform(lo, hi, rng)));
        }
        if (!Double.isFinite(logMax)) {
            throw new IllegalStateException("the prior has no density in the box of q's draws " + java.util.Arrays
                    .toString(lo) + " .. " + java.util.Arrays.toString(hi) + "; cannot truncate it there");
        }
        return new TruncatedPrior(prior, region, settings, acceptance, lo, hi, logMax);
    }

    /** Whether draws come from the box fallback rather than from the prior. */
    public boolean usesFallback() {
        return boxLower != null;
    }

    /** The pilot's share of prior draws inside the region: P(R)'s estimate. */
    public double pilotAcceptance() {
        return pilotAcceptance;
    }

    /** Accepted over proposed across the calls so far, proposals made in batches of up to 1,000 (NaN before any). */
    public double acceptanceRate() {
        long p = proposals.get();
        return p == 0 ? Double.NaN : (double) accepted.get() / p;
    }

    @Override
    public int dim() {
        return prior.dim();
    }

    @Override
    public double[] sample(Rng rng) {
        return sample(1, rng)[0];
    }

    /** {@code n} draws; fails after {@code n · maxProposalsPerDraw} proposals with fewer accepted. */
    @Override
    public double[][] sample(int n, Rng rng) {
        List<double[]> out = new ArrayList<>(n);
        long cap = (long) n * settings.maxProposalsPerDraw();
        long made = 0;
        while (out.size() < n) {
            if (made >= cap) {
                proposals.addAndGet(made);
                accepted.addAndGet(out.size());
                throw new IllegalStateException("the truncated prior accepted " + out.size() + " of " + made
                        + " proposals (" + (usesFallback() ? "uniform on q's box" : "from the prior")
                        + ") before reaching " + n + " draws; its region holds too little prior mass to sample");
            }
            int k = (int) Math.min(BATCH, cap - made);
            double[][] batch = usesFallback() ? boxProposals(k, rng) : prior.sample(k, rng);
            made += k;
            boolean[] in = batch.length == 0 ? new boolean[0] : region.contains(batch);
            for (int i = 0; i < batch.length && out.size() < n; i++) {
                if (in[i]) {
                    out.add(batch[i]);
                }
            }
        }
        proposals.addAndGet(made);
        accepted.addAndGet(n);
        return out.toArray(double[][]::new);
    }

    /** Of {@code k} uniform points of the box, those kept with probability p(θ) / M. */
    private double[][] boxProposals(int k, Rng rng) {
        List<double[]> rows = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double[] theta = uniform(boxLower, boxUpper, rng);
            if (rng.nextDouble() < Math.exp(prior.logDensity(theta) - logMaxDensity)) {
                rows.add(theta);
            }
        }
        return rows.toArray(double[][]::new);
    }

    private static double[] uniform(double[] lo, double[] hi, Rng rng) {
        double[] theta = new double[lo.length];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = rng.nextUniform(lo[j], hi[j]);
        }
        return theta;
    }

    /** log p(θ) − log P(R) inside the region (P(R) as the pilot estimated it), −∞ outside. */
    @Override
    public double logDensity(double[] theta) {
        if (!region.contains(new double[][] {theta})[0]) {
            return Double.NEGATIVE_INFINITY;
        }
        return prior.logDensity(theta) - Math.log(Math.max(pilotAcceptance, 1.0 / settings.pilot()));
    }

    @Override
    public Support support() {
        return prior.support();
    }
}
