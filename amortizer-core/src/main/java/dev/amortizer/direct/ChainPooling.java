package dev.amortizer.direct;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.diagnostics.convergence.ConvergenceSummary;
import dev.amortizer.diagnostics.convergence.ModeGroupedConvergence;
import dev.amortizer.diagnostics.convergence.ParameterSummary;
import dev.amortizer.random.Rng;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How every multi-chain sampler (NUTS, slice, random-walk Metropolis) turns its chains' draws into an answer and
 * its convergence diagnostics, in one place.
 *
 * <p>Pooling. Chains in different modes of a multimodal posterior do not mix, so pooling them equally gives each
 * mode a share set by where the chains started. With M = {@code balanceDraws} > 0, an answer whose chains call for it
 * ({@link WeighWhen}) weighs chain c by the mass of the region it explores, estimated by M importance draws in
 * unconstrained space ({@link ChainMassWeights}), and takes a share of the rows from each chain in proportion; within
 * a mode chains are exchangeable, so there this only redistributes rows among them.
 *
 * <p>Diagnostics ({@link ModeGroupedConvergence}): the chains are grouped into the {@code modes} they explore;
 * {@code rhat} is the worst within-mode R̂, {@code ess_bulk} and {@code ess_tail} the weighted mixture's ESS (worst
 * parameter), {@code rhat_all_chains} Stan's R̂ over all chains (high across modes, and no alarm then),
 * {@code max_chain_weight} and {@code min_mode_weight} the weights where the chains were weighed, and
 * {@code distinct_rows} of {@code rows} (rows repeat when there are fewer draws than rows). The answer also carries
 * the per-parameter summary.
 */
final class ChainPooling {
    /** When the chains are weighed by mass. */
    enum WeighWhen {
        /**
         * Stan's R̂ over all chains above 1.01, or undefined: NUTS and slice sampling, whose answers this rule has
         * always decided (model files' golden draws depend on it).
         */
        CHAINS_DISAGREE,
        /**
         * The chains sit in more than one mode ({@link ModeGroupedConvergence}): random-walk Metropolis, whose short,
         * strongly autocorrelated chains nearly always disagree a little within one mode, where weighing would only
         * spend its reserved evaluations on noise.
         */
        SEPARATE_MODES
    }

    private final Bijection bijection;
    private final UnconstrainedPosterior prototype;
    private final int balanceDraws;
    private final WeighWhen rule;
    private final Rng balanceRng;
    private final List<String> names;

    /**
     * @param bijection    maps unconstrained u to θ; the draws given to {@link #pool} are in θ
     * @param prototype    the posterior in u, copied for the balancing evaluations
     * @param balanceDraws M, 0 to pool the chains as they are
     */
    ChainPooling(Bijection bijection, UnconstrainedPosterior prototype, int balanceDraws, WeighWhen rule,
                 Rng balanceRng, List<String> names) {
        this.bijection = bijection;
        this.prototype = prototype;
        this.balanceDraws = balanceDraws;
        this.rule = rule;
        this.balanceRng = balanceRng;
        this.names = List.copyOf(names);
    }

    /** The answer's rows, the likelihood evaluations spent weighing chains, and the per-parameter summary. */
    record Pooled(double[][] rows, long balanceEvaluations, List<ParameterSummary> parameters) {
    }

    /** {@code numSamples} rows from {@code source} (at least one draw), weighing the chains where {@link #shouldWeigh}. */
    Pooled pool(PooledDraws source, int numSamples, Map<String, Double> diagnostics) {
        return pool(source, numSamples, diagnostics, shouldWeigh(source) ? balanceDraws : 0);
    }

    /**
     * Whether to weigh the chains: M > 0, several chains, each with more than D + 2 draws (for the Student-t fits),
     * and the {@link WeighWhen} rule met.
     */
    boolean shouldWeigh(PooledDraws source) {
        if (balanceDraws == 0 || source.chains() < 2 || shortest(source) <= names.size() + 2) {
            return false;
        }
        return switch (rule) {
            case CHAINS_DISAGREE -> !(ConvergenceSummary.of(equalLength(source)).maxRhat() <= ConvergenceSummary.RHAT_LIMIT);
            case SEPARATE_MODES -> Arrays.stream(ModeGroupedConvergence.modes(equalLength(source))).max().orElse(0) > 0;
        };
    }

    /** As {@link #pool(PooledDraws, int, Map)}, weighing the chains by {@code proposals} importance draws if > 0. */
    Pooled pool(PooledDraws source, int numSamples, Map<String, Double> diagnostics, int proposals) {
        int chains = source.chains();
        double[] weights = null;
        long balanceEvaluations = 0;
        double[][] rows;
        if (proposals > 0) {
            UnconstrainedPosterior target = prototype.copy();
            weights = ChainMassWeights.estimate(unconstrained(source), target, proposals, balanceRng.split());
            balanceEvaluations = target.likelihoodEvaluations();
            rows = weighted(source, weights, numSamples);
        } else {
            rows = source.thinEvenly(numSamples);
        }
        List<ParameterSummary> parameters = List.of();
        if (shortest(source) < 4) {
            diagnostics.put("rhat", Double.NaN);
            diagnostics.put("ess_bulk", Double.NaN);
            diagnostics.put("ess_tail", Double.NaN);
        } else {
            double[] chainWeights = weights;
            if (chainWeights == null) { // pooled as they are: each chain weighs as many rows as it gave
                chainWeights = new double[chains];
                for (int c = 0; c < chains; c++) {
                    chainWeights[c] = source.count(c);
                }
            }
            ModeGroupedConvergence grouped = ModeGroupedConvergence.of(equalLength(source), chainWeights, names);
            ConvergenceSummary worst = grouped.worst();
            diagnostics.put("rhat", worst.maxRhat());
            diagnostics.put("ess_bulk", worst.minBulkEss());
            diagnostics.put("ess_tail", worst.minTailEss());
            diagnostics.put("rhat_all_chains", grouped.pooledRhat());
            diagnostics.put("modes", (double) grouped.modes());
            diagnostics.put("min_mode_weight", Arrays.stream(grouped.modeWeights()).min().orElse(Double.NaN));
            parameters = grouped.parameters();
        }
        diagnostics.put("mass_weighted", weights == null ? 0.0 : 1.0);
        if (weights != null) {
            diagnostics.put("max_chain_weight", Arrays.stream(weights).max().orElse(Double.NaN));
        }
        diagnostics.put("rows", (double) rows.length);
        diagnostics.put("distinct_rows", (double) distinct(rows));
        return new Pooled(rows, balanceEvaluations, parameters);
    }

    private static int shortest(PooledDraws source) {
        int shortest = Integer.MAX_VALUE;
        for (int c = 0; c < source.chains(); c++) {
            shortest = Math.min(shortest, source.count(c));
        }
        return shortest;
    }

    /** Every chain cut to the shortest one's length, as the diagnostics need. */
    private static double[][][] equalLength(PooledDraws source) {
        int n = shortest(source);
        double[][][] out = new double[source.chains()][][];
        for (int c = 0; c < out.length; c++) {
            out[c] = source.chain(c, 0, n);
        }
        return out;
    }

    static int distinct(double[][] rows) {
        Set<List<Double>> seen = new HashSet<>();
        for (double[] row : rows) {
            seen.add(Arrays.stream(row).boxed().toList());
        }
        return seen.size();
    }

    private double[][][] unconstrained(PooledDraws source) {
        double[][][] out = new double[source.chains()][][];
        for (int c = 0; c < out.length; c++) {
            double[][] rows = source.chain(c);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = bijection.inverse(rows[i]);
            }
            out[c] = rows;
        }
        return out;
    }

    /** n rows: chain c gives a share of them in proportion to its weight (largest remainders), thinned evenly. */
    private static double[][] weighted(PooledDraws source, double[] weights, int n) {
        int chainCount = source.chains();
        int[] take = new int[chainCount];
        double[] remainder = new double[chainCount];
        int given = 0;
        for (int c = 0; c < chainCount; c++) {
            double exact = weights[c] * n;
            take[c] = (int) Math.floor(exact);
            remainder[c] = exact - take[c];
            given += take[c];
        }
        while (given < n) {
            int best = 0;
            for (int c = 1; c < chainCount; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            take[best]++;
            remainder[best] = -1;
            given++;
        }
        double[][] rows = new double[n][];
        int row = 0;
        for (int c = 0; c < chainCount; c++) {
            int count = source.count(c);
            for (int i = 0; i < take[c]; i++) {
                int at = (int) ((long) i * count / take[c]);
                rows[row++] = source.chain(c, at, at + 1)[0];
            }
        }
        return rows;
    }
}
