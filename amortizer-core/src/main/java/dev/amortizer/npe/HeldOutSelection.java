package dev.amortizer.npe;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
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
 * model: flows, ensembles, the MDN and FMPE (by its divergence) alike. A candidate that throws or scores a
 * non-finite value is recorded as failed and never kept. Truncated candidates are not renormalised to the support,
 * so their score is an upper bound (charging any mass they put outside the box). Candidates are recorded by label,
 * a label already taken suffixed by the candidate's position ("mdn-truncation-2").
 */
final class HeldOutSelection implements NpeTraining.CandidateRule {
    static final int HELD_OUT_PERCENT = 10;
    static final String CRITERION = "mean -log q(theta | x) on held-out pairs, theta's units";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HeldOutSelection.class);

    private final Consumer<List<NpePosterior>> every;

    /** @param every told every fitted candidate in order (null where one failed), before one is kept */
    HeldOutSelection(Consumer<List<NpePosterior>> every) {
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
        CostMeter counted = new CostMeter(); // each fit adds the running ledger; the total is added once below
        List<NpePosterior> fitted = new ArrayList<>();
        List<CandidateSelection.Score> scores = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            Npe npe = k == 0 ? candidates.get(0) : NpeTraining.inOwnDirectory(candidates.get(k));
            String given = npe.config().label();
            // configurations differing beyond their label stay apart in the record
            String label = scores.stream().anyMatch(earlier -> earlier.label().equals(given)) ? given + "-" + (k + 1)
                    : given;
            Rng own = rng.split(); // drawn before fitting, so that a failure leaves the later candidates' generators
            try {
                NpePosterior q = NpeFit.fit(npe, task, fitting, own, run, counted);
                double value;
                try (CostMeter.Timer ignored = run.start(Phase.VALIDATION)) {
                    value = scored.length == 0 ? Double.NaN : meanNegativeLogDensity(q, theta, x);
                }
                fitted.add(q);
                scores.add(CandidateSelection.Score.of(label, value));
            } catch (RuntimeException e) {
                LOG.warn("candidate {} failed: {}", label, e.toString());
                fitted.add(null);
                scores.add(CandidateSelection.Score.failed(label, e.toString()));
            }
        }
        if (every != null) {
            every.accept(java.util.Collections.unmodifiableList(fitted));
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

    /** Mean −log q(θ_r | x_r) over the rows: the criterion. */
    static double meanNegativeLogDensity(NpePosterior q, double[][] theta, double[][] x) {
        double[] lq = q.logDensity(theta, x);
        double sum = 0;
        for (double v : lq) {
            sum -= v;
        }
        return sum / lq.length;
    }

    private static double[][] rows(double[][] table, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = table[rows[i]];
        }
        return out;
    }
}
