package dev.amortizer.npe;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.estimator.SupportHandling;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.CandidateSelection;
import dev.amortizer.training.TrainingSimulations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The across-families rule ({@link DefaultNpe#acrossFamilies()}): a fixed {@value #HELD_OUT_PERCENT}% of the pairs is
 * set aside before any candidate trains; every candidate fits the rest as it would alone (its own validation rows
 * and early stopping inside them), and the one with the lowest mean −log q(θ | x) over the set-aside pairs is kept,
 * the earliest among equals. The same pairs for every candidate make the comparison paired, and no candidate saw
 * them, not even for early stopping. It needs only a normalised density, so it is one a user can compute on any
 * model: flows, ensembles, the MDN and FMPE (by the exact density of its sampler's map) alike. Each score is of the
 * density the candidate's draws come from: a candidate truncated to the prior's support redraws what falls outside,
 * so its draws have density q / Z(x), Z(x) its in-box mass, estimated at each set-aside x from untruncated draws
 * ({@link #meanLogSupportMass}; results/selection.md measured Z's mean log at −0.02 to −0.07 nats on two_moons and
 * gaussian_mixture, larger than the gaps between candidates). A candidate that throws or scores a
 * non-finite value is recorded as failed and never kept. Candidates are recorded by label, a label already taken
 * suffixed by the candidate's position ("mdn-truncation-2"). Where a set-aside pair holds a value ≤ 0 in a column
 * positive in every fitting pair, no candidate reads x on the log scale ({@link Npe#withLogScale}), which could not
 * score that pair.
 */
final class HeldOutSelection implements NpeTraining.CandidateRule {
    static final int HELD_OUT_PERCENT = 10;
    /** Untruncated draws per set-aside x for a truncated candidate's in-box mass, at first. */
    static final int MASS_DRAWS = 200;
    /** The standard error of the mean log in-box mass that stops further draws. */
    static final double MASS_STANDARD_ERROR = 5e-4;
    /** The most draws per set-aside x for the in-box mass (each of FMPE's costs 80 network passes). */
    static final int MAX_MASS_DRAWS = 800;
    static final String CRITERION = "mean -log q(theta | x) on held-out pairs, theta's units, of the density the draws"
            + " come from (truncated candidates renormalised by their in-box mass, " + MASS_DRAWS + " to "
            + MAX_MASS_DRAWS + " draws per x)";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HeldOutSelection.class);

    private final Consumer<DefaultNpe.HeldOutFits> every;

    /**
     * @param every told every fitted candidate in order (null where one failed) and the scored pairs, before one is
     *              kept
     */
    HeldOutSelection(Consumer<DefaultNpe.HeldOutFits> every) {
        this.every = every;
    }

    /** Pairs set aside out of {@code n}: {@value #HELD_OUT_PERCENT}%, at least one, leaving at least two to train. */
    static int heldOutCount(int n) {
        if (n < 3) {
            throw new IllegalArgumentException("selection by held-out pairs needs at least 3 pairs, got " + n);
        }
        return Math.min(n - 2, Math.max(1, Math.round(n * HELD_OUT_PERCENT / 100f)));
    }

    @Override
    public NpePosterior keep(List<Npe> candidates, Task task, TrainingSimulations sims, Rng rng, CostMeter run,
                             CostMeter meter) {
        int n = sims.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        rng.split().shuffle(order);
        int held = heldOutCount(n);
        int[] heldRows = Arrays.copyOfRange(order, 0, held);
        int[] fitRows = Arrays.copyOfRange(order, held, n);
        Arrays.sort(heldRows);
        Arrays.sort(fitRows); // the training pairs keep the campaign's order
        TrainingSimulations fitting = new TrainingSimulations(rows(sims.theta(), fitRows), rows(sims.x(), fitRows),
                sims.failures());
        // a failed simulation (non-finite x) cannot be scored: it is set aside unscored
        int[] scored = Arrays.stream(heldRows)
                .filter(r -> Arrays.stream(sims.x()[r]).allMatch(Double::isFinite)).toArray();
        double[][] theta = rows(sims.theta(), scored);
        double[][] x = rows(sims.x(), scored);
        // a set-aside x ≤ 0 in a column every fitting pair holds positive could not be scored by a candidate reading
        // that column on the log scale: none does then
        // (in the columns a candidate reads: x's exchangeable rows ordered where the task declares them, NpeFit)
        int rowWidth = NpeFit.rowWidth(task);
        boolean moments = candidates.stream().anyMatch(c -> NpeFit.readsMoments(c, rowWidth));
        boolean readAsIs = positiveOnlyInFitting(fitting.theta(), NpeFit.columnsRead(fitting, rowWidth, moments).x(),
                NpeFit.columnsRead(new TrainingSimulations(theta, x), rowWidth, moments).x());
        CostMeter counted = new CostMeter(); // each fit adds the running ledger; the total is added once below
        List<NpePosterior> fitted = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            Npe npe = k == 0 ? candidates.get(0) : NpeTraining.inOwnDirectory(candidates.get(k));
            npe = readAsIs ? npe.withLogScale(false) : npe;
            String given = npe.config().label();
            // configurations differing beyond their label stay apart in the record
            String label = labels.contains(given) ? given + "-" + (k + 1) : given;
            labels.add(label);
            Rng own = rng.split(); // drawn before fitting, so that a failure leaves the later candidates' generators
            try {
                NpePosterior q = NpeFit.fit(npe, task, fitting, own, run, counted);
                double value;
                try (CostMeter.Timer ignored = run.start(Phase.VALIDATION)) {
                    value = scored.length == 0 ? Double.NaN : meanNegativeLogDensity(q, theta, x);
                }
                fitted.add(q);
                values.add(value);
                failures.add(null);
            } catch (RuntimeException e) {
                LOG.warn("candidate {} failed: {}", label, e.toString());
                fitted.add(null);
                values.add(null);
                failures.add(e.toString());
            }
        }
        // the in-box masses of truncated candidates, from a generator split after every candidate's, one per candidate
        Rng masses = rng.split();
        List<CandidateSelection.Score> scores = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            Rng mine = masses.split();
            NpePosterior q = fitted.get(k);
            if (q == null) {
                scores.add(CandidateSelection.Score.failed(labels.get(k), failures.get(k)));
                continue;
            }
            double value = values.get(k);
            // no draw can fall outside a support unbounded everywhere: Z = 1
            if (q.config().support() == SupportHandling.TRUNCATION && scored.length > 0 && Double.isFinite(value)
                    && DefaultNpe.isBoundedAnywhere(task.prior().support())) {
                try (CostMeter.Timer ignored = run.start(Phase.VALIDATION)) {
                    value += meanLogSupportMass(q, x, mine);
                } catch (RuntimeException e) {
                    LOG.warn("candidate {} failed: {}", labels.get(k), e.toString());
                    fitted.set(k, null);
                    scores.add(CandidateSelection.Score.failed(labels.get(k), e.toString()));
                    continue;
                }
            }
            scores.add(CandidateSelection.Score.of(labels.get(k), value));
        }
        if (every != null) {
            every.accept(new DefaultNpe.HeldOutFits(java.util.Collections.unmodifiableList(fitted), theta, x));
        }
        int best = CandidateSelection.choose(scores);
        NpePosterior kept = fitted.get(best);
        CandidateSelection selection = new CandidateSelection(CRITERION, scored.length, scores,
                scores.get(best).label());
        LOG.info("kept {} of {} candidates by {} over {} pairs: {}", selection.chosen(), scores.size(), CRITERION,
                scored.length, selection.summary());
        meter.add(run.ledger());
        return NpePosterior.of(task, kept.config(), kept.standardization(), kept.bijection(),
                kept.provenance().withSelection(selection), run.ledger().on(kept.costLedger().device()),
                kept.density());
    }

    /**
     * Mean log Z(x_r) over the rows, Z(x) the fraction of q's untruncated draws for x that fall inside the support
     * (a row none of whose draws does counts half a draw): added to a truncated candidate's mean −log q, it gives the
     * mean −log of the density its draws come from, q / Z. {@value #MASS_DRAWS} draws per row, then as many again
     * while the mean's standard error (binomial, by the delta method: Σ (1 − Z)/(Z m) over the rows, square-rooted,
     * over their number) exceeds {@value #MASS_STANDARD_ERROR}, up to {@value #MAX_MASS_DRAWS} per row. Rows in
     * parallel, each round's generators split from {@code rng} in order.
     */
    static double meanLogSupportMass(NpePosterior q, double[][] x, Rng rng) {
        int n = x.length;
        long[] inside = new long[n];
        int drawn = 0;
        int round = MASS_DRAWS;
        while (true) {
            Rng[] rngs = rng.split(n);
            int m = round;
            java.util.stream.IntStream.range(0, n).parallel().forEach(r -> inside[r] += Math.round(
                    q.supportMass(x[r], m, rngs[r]) * m));
            drawn += m;
            double sum = 0;
            double variance = 0;
            for (long count : inside) {
                double z = Math.max(count, 0.5) / drawn;
                sum += Math.log(z);
                variance += (1 - z) / (z * drawn);
            }
            if (Math.sqrt(variance) / n <= MASS_STANDARD_ERROR || drawn >= MAX_MASS_DRAWS) {
                return sum / n;
            }
            round = drawn;
        }
    }

    /** Mean −log q(θ_r | x_r) over the rows: the criterion before truncated candidates' renormalisation. */
    static double meanNegativeLogDensity(NpePosterior q, double[][] theta, double[][] x) {
        double[] lq = q.logDensity(theta, x);
        double sum = 0;
        for (double v : lq) {
            sum -= v;
        }
        return sum / lq.length;
    }

    /**
     * Whether some column of x is positive in every fitting pair with finite θ and x (those training keeps) but not in
     * every row of {@code scored}.
     */
    static boolean positiveOnlyInFitting(double[][] fittingTheta, double[][] fittingX, double[][] scored) {
        if (fittingX.length == 0 || scored.length == 0) {
            return false;
        }
        int[] kept = java.util.stream.IntStream.range(0, fittingX.length)
                .filter(i -> finite(fittingTheta[i]) && finite(fittingX[i])).toArray();
        for (int j = 0; j < fittingX[0].length; j++) {
            final int c = j;
            if (Arrays.stream(kept).allMatch(i -> fittingX[i][c] > 0)
                    && !Arrays.stream(scored).allMatch(row -> row[c] > 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean finite(double[] row) {
        return Arrays.stream(row).allMatch(Double::isFinite);
    }

    private static double[][] rows(double[][] table, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = table[rows[i]];
        }
        return out;
    }
}
