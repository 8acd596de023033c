package dev.amortizer.training;

import java.util.Arrays;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Finds the columns of x that show no dependence on θ in the training pairs, so that an estimator can ignore them
 * (a simulator's outputs that θ does not drive, like slcp_distractors' 92 of 100, otherwise cost a network with 10⁴
 * pairs much of its accuracy). Each column is tested twice, by least squares on a quadratic basis of the
 * standardised θ (θ_i, θ_i², and θ_iθ_k for up to {@value #MAX_DIM_WITH_PRODUCTS} parameters): its normal scores (the
 * ranks mapped through Φ⁻¹, so heavy tails and discrete values do no harm) for a location that moves with θ, and their
 * squares for a spread that does. A column is uninformative when neither regression's F statistic reaches the
 * 1 − {@value #FAMILY_ALPHA}/(2·d) quantile of its null distribution, d the columns of x (Bonferroni over the 2·d
 * tests): a column θ
 * drives is kept unless its dependence is weaker than that test resolves on these pairs, or is invisible to a
 * quadratic in θ. Nothing is screened unless the pairs are enough for the test to see a column whose quadratic in θ
 * explains 1% of its variance (for 2 to 100 columns: 2,400–2,700 training pairs with 2 parameters, 5,400–6,100 with
 * 5, 11,900–12,800 with 10), nor when every column would go (a model of θ alone is not what a screen is for).
 * Deterministic (no random numbers).
 */
public final class DataScreen {
    /** The chance, under independence of every column from θ, that any column is kept. */
    static final double FAMILY_ALPHA = 1e-3;
    /** Above this many parameters the basis leaves out the products θ_iθ_k (their number grows as D²). */
    static final int MAX_DIM_WITH_PRODUCTS = 10;
    /**
     * Nothing is screened unless a column whose quadratic in θ explains this share of its variance would reach the
     * critical value: with fewer pairs the test would miss columns that carry information.
     */
    static final double RESOLVED_R2 = 0.01;
    /**
     * The most training rows a screen reads ({@link TrainingData#screened} takes a random subset beyond): its basis
     * holds a row of up to 65 values per pair, and 10⁵ pairs resolve R² = 0.001 already.
     */
    public static final int MAX_ROWS = 100_000;

    private DataScreen() {
    }

    /**
     * What the screen found: {@code strength[j]}, column j's larger F statistic over the critical value (below 1: no
     * dependence shown; empty where nothing was tested), and {@code ignored}, the 0-based columns to ignore,
     * increasing (empty when every column shows dependence, when the rows were too few to resolve
     * {@value #RESOLVED_R2}, or when every column would go).
     */
    public record Result(double[] strength, int[] ignored) {
    }

    /** The 0-based columns of x to ignore: {@link #screen}'s {@code ignored}. */
    public static int[] uninformativeColumns(double[][] z, double[][] x, int[] rows) {
        return screen(z, x, rows).ignored();
    }

    /**
     * Tests every column of x over {@code rows}. {@code z} holds each row's standardised θ (rows outside
     * {@code rows} may be null), {@code x} its x.
     */
    public static Result screen(double[][] z, double[][] x, int[] rows) {
        int n = rows.length;
        if (n == 0) {
            return new Result(new double[0], new int[0]);
        }
        int d = z[rows[0]].length;
        int columns = x[rows[0]].length;
        boolean products = d <= MAX_DIM_WITH_PRODUCTS;
        if (n <= basisSize(d, products) + 2) {
            return new Result(new double[0], new int[0]);
        }
        double[][] basis = centredBasis(z, rows, d, products);
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(gram(basis), false));
        DecompositionSolver solver = svd.getSolver();
        int rank = svd.getRank();
        if (rank == 0) { // θ constant over the rows: nothing to test against
            return new Result(new double[0], new int[0]);
        }
        double critical = new FDistribution(null, rank, n - rank - 1)
                .inverseCumulativeProbability(1 - FAMILY_ALPHA / (2.0 * columns));
        // the R² at which a column reaches the critical value: only where that is small can a column the test misses
        // be said to carry little
        double smallestSeen = critical * rank / (n - rank - 1 + critical * rank);
        if (smallestSeen > RESOLVED_R2) {
            return new Result(new double[0], new int[0]);
        }
        double[] strength = new double[columns];
        int[] dropped = new int[columns];
        int count = 0;
        double[] scores = new double[n];
        double[] squares = new double[n];
        double[] table = normalScoreTable(n);
        double[] sorted = new double[n];
        for (int j = 0; j < columns; j++) {
            normalScores(x, rows, j, table, sorted, scores);
            double mean = 0;
            for (int r = 0; r < n; r++) {
                squares[r] = scores[r] * scores[r];
                mean += squares[r];
            }
            mean /= n;
            for (int r = 0; r < n; r++) {
                squares[r] -= mean;
            }
            strength[j] = Math.max(fStatistic(basis, solver, scores, rank),
                    fStatistic(basis, solver, squares, rank)) / critical;
            if (!(strength[j] > 1)) {
                dropped[count++] = j;
            }
        }
        return new Result(strength, count == columns ? new int[0] : Arrays.copyOf(dropped, count));
    }

    static int basisSize(int d, boolean products) {
        return 2 * d + (products ? d * (d - 1) / 2 : 0);
    }

    /** The basis functions at each row, each column centred over the rows. */
    private static double[][] centredBasis(double[][] z, int[] rows, int d, boolean products) {
        int p = basisSize(d, products);
        double[][] b = new double[rows.length][p];
        double[] mean = new double[p];
        for (int r = 0; r < rows.length; r++) {
            double[] t = z[rows[r]];
            int k = 0;
            for (int i = 0; i < d; i++) {
                b[r][k++] = t[i];
                b[r][k++] = t[i] * t[i];
            }
            if (products) {
                for (int i = 0; i < d; i++) {
                    for (int l = i + 1; l < d; l++) {
                        b[r][k++] = t[i] * t[l];
                    }
                }
            }
            for (k = 0; k < p; k++) {
                mean[k] += b[r][k];
            }
        }
        for (int k = 0; k < p; k++) {
            mean[k] /= rows.length;
        }
        for (double[] row : b) {
            for (int k = 0; k < p; k++) {
                row[k] -= mean[k];
            }
        }
        return b;
    }

    private static double[][] gram(double[][] basis) {
        int p = basis[0].length;
        double[][] g = new double[p][p];
        for (double[] row : basis) {
            for (int a = 0; a < p; a++) {
                double v = row[a];
                for (int c = a; c < p; c++) {
                    g[a][c] += v * row[c];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < a; c++) {
                g[a][c] = g[c][a];
            }
        }
        return g;
    }

    /** F = (R²/rank) / ((1 − R²)/(n − rank − 1)) of the centred {@code y} on the basis; 0 for a constant y. */
    private static double fStatistic(double[][] basis, DecompositionSolver solver, double[] y, int rank) {
        int n = y.length;
        int p = basis[0].length;
        double[] xty = new double[p];
        double total = 0;
        for (int r = 0; r < n; r++) {
            double v = y[r];
            total += v * v;
            double[] row = basis[r];
            for (int k = 0; k < p; k++) {
                xty[k] += row[k] * v;
            }
        }
        if (!(total > 0)) {
            return 0;
        }
        RealVector coefficients = solver.solve(new ArrayRealVector(xty, false));
        double explained = coefficients.dotProduct(new ArrayRealVector(xty, false));
        double r2 = Math.min(explained / total, 1);
        return r2 >= 1 ? Double.POSITIVE_INFINITY : (r2 / rank) / ((1 - r2) / (n - rank - 1));
    }

    /**
     * Φ⁻¹(m / 2n) for m = 1 … 2n − 1: the normal score of every mean rank a column of n rows can have (a mean rank
     * is a multiple of ½), so that scoring a column needs no inverse-CDF call.
     */
    private static double[] normalScoreTable(int n) {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double[] table = new double[2 * n + 1];
        for (int m = 1; m < 2 * n; m++) {
            table[m] = normal.inverseCumulativeProbability(m / (2.0 * n));
        }
        return table;
    }

    /**
     * Column j's values over the rows as normal scores Φ⁻¹((rank − ½)/n), ties sharing their mean rank; centred.
     * A value's tied run occupies sorted positions [lo, hi), so its mean rank less ½ is (lo + hi)/2.
     */
    private static void normalScores(double[][] x, int[] rows, int j, double[] table, double[] sorted,
                                     double[] out) {
        int n = rows.length;
        for (int r = 0; r < n; r++) {
            sorted[r] = x[rows[r]][j];
        }
        Arrays.sort(sorted);
        double mean = 0;
        for (int r = 0; r < n; r++) {
            double v = x[rows[r]][j];
            out[r] = table[bound(sorted, v, false) + bound(sorted, v, true)];
            mean += out[r];
        }
        mean /= n;
        for (int r = 0; r < n; r++) {
            out[r] -= mean;
        }
    }

    /** The first position of {@code sorted} holding a value above {@code v} (after: true) or not below it. */
    private static int bound(double[] sorted, double v, boolean after) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Double.compare(sorted[mid], v);
            if (c < 0 || (after && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
