package dev.amortizer.diagnostics.convergence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Convergence diagnostics for chains that may sit in different modes and are pooled with weights (the posterior
 * mass each chain stands for), where R̂ over all chains is the wrong check: it measures whether the chains sample
 * the same distribution, and chains in separate modes never do, however good the weighted answer.
 *
 * <ol>
 *   <li>Modes: chains c and c' explore the same mode when their pairwise split R̂ (the classical one, of the
 *       draws themselves: it needs only each half-chain's mean and variance, so all C² pairs cost O(C² D); worst
 *       parameter) is at most {@value #SAME_MODE_RHAT}, the Gelman–Rubin bound; the modes are the connected groups
 *       of that relation. Chains in different modes give R̂ far above it (two_moons: ≥ 1.5).</li>
 *   <li>Per mode g and parameter: Stan's rank-normalised split R̂ and bulk and tail ESS over g's chains (one chain
 *       alone is split in two halves, so a drifting chain still shows).</li>
 *   <li>Per parameter: R̂ is the worst over the modes; the ESS of the weighted mixture is 1 / Σ_g (w_g² / ESS_g),
 *       w_g the mass of mode g (the variance of a weighted mean of independent per-mode estimates); mean, sd and
 *       quantiles are of the draws weighted by w_c / n_c.</li>
 * </ol>
 *
 * A run whose chains all agree is one mode, and its diagnostics are Stan's. What this cannot see is a mode no chain
 * found, nor a wrong mass estimate: those are the weights' business (their estimator reports its own checks).
 *
 * <p>{@code var s = ModeGroupedConvergence.of(draws, weights, names); s.warnings().forEach(System.err::println);}
 *
 * <p>Over 300 lines because grouping chains into modes and the per-mode R-hat and ESS share their intermediate tables.
 *
 * @see "Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), Bayesian Analysis 16(2), 667–718"
 * @see "Yao, Vehtari and Gelman (2022), Stacking for non-mixing Bayesian computations, JMLR 23"
 */
public final class ModeGroupedConvergence {
    /** Pairwise R̂ at most this: the two chains explore the same mode. */
    public static final double SAME_MODE_RHAT = 1.1;

    private final int[] modeOfChain;
    private final double[] modeWeights;
    private final double pooledRhat;
    private final List<ParameterSummary> parameters;

    private ModeGroupedConvergence(int[] modeOfChain, double[] modeWeights, double pooledRhat,
                                   List<ParameterSummary> parameters) {
        this.modeOfChain = modeOfChain;
        this.modeWeights = modeWeights;
        this.pooledRhat = pooledRhat;
        this.parameters = List.copyOf(parameters);
    }

    /**
     * @param draws   draws[c][i][j]: chain c, iteration i, parameter j; C ≥ 1 chains of equal length ≥ 4
     * @param weights the mass w_c each chain stands for (≥ 0, summing to > 0), or null for equal weights
     * @param names   the D parameter names
     */
    public static ModeGroupedConvergence of(double[][][] draws, double[] weights, List<String> names) {
        if (draws == null || draws.length == 0 || draws[0].length == 0) {
            throw new IllegalArgumentException("draws is empty, expected chains x iterations x parameters");
        }
        int chains = draws.length;
        int dim = draws[0][0].length;
        if (names == null || names.size() != dim) {
            throw new IllegalArgumentException("names has " + (names == null ? 0 : names.size()) + " entries, the draws "
                    + dim + " parameters");
        }
        double[] w = normalised(weights, chains);
        double[][][] byParameter = new double[dim][chains][];
        for (int j = 0; j < dim; j++) {
            for (int c = 0; c < chains; c++) {
                double[] column = new double[draws[c].length];
                for (int i = 0; i < column.length; i++) {
                    column[i] = draws[c][i][j];
                }
                byParameter[j][c] = column;
            }
            Chains.check(byParameter[j]);
        }
        int[] mode = modesByParameter(byParameter);
        int modes = Arrays.stream(mode).max().orElse(0) + 1;
        double[] modeWeights = new double[modes];
        for (int c = 0; c < chains; c++) {
            modeWeights[mode[c]] += w[c];
        }
        double pooledRhat = Double.NEGATIVE_INFINITY;
        List<ParameterSummary> out = new ArrayList<>(dim);
        for (int j = 0; j < dim; j++) {
            double rhat = Double.NEGATIVE_INFINITY;
            double bulkSum = 0;
            double tailSum = 0;
            for (int g = 0; g < modes; g++) {
                double[] stanStats = ConvergenceSummary.stan(group(byParameter[j], mode, g));
                rhat = Math.max(rhat, stanStats[0]);
                bulkSum += modeWeights[g] * modeWeights[g] / stanStats[1];
                tailSum += modeWeights[g] * modeWeights[g] / stanStats[2];
            }
            pooledRhat = Math.max(pooledRhat, modes == 1 ? rhat : ConvergenceSummary.stan(byParameter[j])[0]);
            double[] stats = weightedStats(byParameter[j], w);
            out.add(new ParameterSummary(names.get(j), stats[0], stats[1], stats[2], stats[3], stats[4], rhat,
                    1 / bulkSum, 1 / tailSum));
        }
        return new ModeGroupedConvergence(mode, modeWeights, pooledRhat, out);
    }

    /** The number of modes the chains were found in. */
    public int modes() {
        return modeWeights.length;
    }

    /** The mode of each chain, numbered 0 … modes − 1 in order of first appearance. */
    public int[] modeOfChain() {
        return modeOfChain.clone();
    }

    /** The mass of each mode: the sum of its chains' weights. */
    public double[] modeWeights() {
        return modeWeights.clone();
    }

    /** Stan's R̂ over all chains as if they sampled one distribution (worst parameter): high across modes. */
    public double pooledRhat() {
        return pooledRhat;
    }

    /** One line per parameter. */
    public List<ParameterSummary> parameters() {
        return parameters;
    }

    /** The worst within-mode R̂, the smallest weighted bulk and tail ESS, over the parameters. */
    public ConvergenceSummary worst() {
        double rhat = Double.NEGATIVE_INFINITY;
        double bulk = Double.POSITIVE_INFINITY;
        double tail = Double.POSITIVE_INFINITY;
        for (ParameterSummary p : parameters) {
            rhat = Math.max(rhat, ConvergenceSummary.nanAsInfinite(p.rhat()));
            bulk = Math.min(bulk, p.essBulk());
            tail = Math.min(tail, p.essTail());
        }
        return new ConvergenceSummary(rhat, bulk, tail);
    }

    /**
     * The mode of each chain: connected groups of chains whose pairwise split R̂ is at most {@link #SAME_MODE_RHAT}.
     *
     * @param draws draws[c][i][j], as for {@link #of}
     */
    public static int[] modes(double[][][] draws) {
        int dim = draws[0][0].length;
        double[][][] byParameter = new double[dim][draws.length][];
        for (int j = 0; j < dim; j++) {
            for (int c = 0; c < draws.length; c++) {
                double[] column = new double[draws[c].length];
                for (int i = 0; i < column.length; i++) {
                    column[i] = draws[c][i][j];
                }
                byParameter[j][c] = column;
            }
            Chains.check(byParameter[j]);
        }
        return modesByParameter(byParameter);
    }

    private static int[] modesByParameter(double[][][] byParameter) {
        int chains = byParameter[0].length;
        // halves[j][2c + h] = {mean, variance} of half h of chain c
        double[][][] halves = new double[byParameter.length][][];
        for (int j = 0; j < byParameter.length; j++) {
            double[][] split = Chains.split(byParameter[j]);
            halves[j] = new double[split.length][];
            for (int k = 0; k < split.length; k++) {
                halves[j][k] = meanAndVariance(split[k]);
            }
        }
        int[] parent = new int[chains];
        for (int c = 0; c < chains; c++) {
            parent[c] = c;
        }
        for (int a = 0; a < chains; a++) {
            for (int b = a + 1; b < chains; b++) {
                if (find(parent, a) != find(parent, b) && sameMode(halves, a, b)) {
                    parent[find(parent, b)] = find(parent, a);
                }
            }
        }
        int[] mode = new int[chains];
        int[] label = new int[chains];
        Arrays.fill(label, -1);
        int next = 0;
        for (int c = 0; c < chains; c++) {
            int root = find(parent, c);
            if (label[root] < 0) {
                label[root] = next++;
            }
            mode[c] = label[root];
        }
        return mode;
    }

    /** Split R̂ of chains a and b (four half-chains of equal length) from the halves' means and variances. */
    private static boolean sameMode(double[][][] halves, int a, int b) {
        for (double[][] parameter : halves) {
            double[][] four = {parameter[2 * a], parameter[2 * a + 1], parameter[2 * b], parameter[2 * b + 1]};
            double within = 0;
            double grand = 0;
            for (double[] h : four) {
                within += h[1] / 4;
                grand += h[0] / 4;
            }
            double betweenOverN = 0;
            for (double[] h : four) {
                betweenOverN += (h[0] - grand) * (h[0] - grand) / 3;
            }
            if (!(within > 0)) {
                return false; // a chain that never moved is not evidence of a shared mode
            }
            double n = parameter[2 * a][2];
            double rhat = Math.sqrt(((n - 1) / n * within + betweenOverN) / within);
            if (!(rhat <= SAME_MODE_RHAT)) {
                return false;
            }
        }
        return true;
    }

    /** {mean, variance (n − 1 denominator), n}. */
    private static double[] meanAndVariance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return new double[] {mean, squares / (x.length - 1), x.length};
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }

    private static double[][] group(double[][] chains, int[] mode, int g) {
        List<double[]> out = new ArrayList<>();
        for (int c = 0; c < chains.length; c++) {
            if (mode[c] == g) {
                out.add(chains[c]);
            }
        }
        return out.toArray(double[][]::new);
    }

    /** Mean, sd, 5 %, 50 %, 95 % of the draws, draw i of chain c weighted w_c / n_c. */
    private static double[] weightedStats(double[][] chains, double[] w) {
        double mean = 0;
        for (int c = 0; c < chains.length; c++) {
            double sum = 0;
            for (double x : chains[c]) {
                sum += x;
            }
            mean += w[c] * sum / chains[c].length;
        }
        double variance = 0;
        double[][] sorted = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            double squares = 0;
            for (double x : chains[c]) {
                squares += (x - mean) * (x - mean);
            }
            variance += w[c] * squares / chains[c].length;
            sorted[c] = chains[c].clone();
            Arrays.sort(sorted[c]);
        }
        double[] pooled = Chains.pooledSorted(chains);
        return new double[] {mean, Math.sqrt(variance), quantile(sorted, w, pooled, 0.05),
            quantile(sorted, w, pooled, 0.5), quantile(sorted, w, pooled, 0.95)};
    }

    /** The smallest pooled value v with F(v) = Σ_c w_c · #{x ≤ v in chain c} / n_c ≥ p, by bisection. */
    private static double quantile(double[][] sortedChains, double[] w, double[] pooled, double p) {
        int lo = 0;
        int hi = pooled.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative(sortedChains, w, pooled[mid]) >= p) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return pooled[lo];
    }

    private static double cumulative(double[][] sortedChains, double[] w, double v) {
        double f = 0;
        for (int c = 0; c < sortedChains.length; c++) {
            double[] s = sortedChains[c];
            int lo = 0;
            int hi = s.length;
            while (lo < hi) { // the number of entries ≤ v
                int mid = (lo + hi) >>> 1;
                if (s[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            f += w[c] * lo / s.length;
        }
        return f;
    }

    private static double[] normalised(double[] weights, int chains) {
        double[] w = new double[chains];
        if (weights == null) {
            Arrays.fill(w, 1.0 / chains);
            return w;
        }
        if (weights.length != chains) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries, expected one per chain ("
                    + chains + ")");
        }
        double sum = 0;
        for (int c = 0; c < chains; c++) {
            if (!(weights[c] >= 0 && Double.isFinite(weights[c]))) {
                throw new IllegalArgumentException("weights[" + c + "] is " + weights[c] + ", expected a finite number >= 0");
            }
            sum += weights[c];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights sum to " + sum + ", expected > 0");
        }
        for (int c = 0; c < chains; c++) {
            w[c] = weights[c] / sum;
        }
        return w;
    }
}
