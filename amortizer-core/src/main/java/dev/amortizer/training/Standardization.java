package dev.amortizer.training;

import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The z-scores the network sees: θ' = (θ − m_θ)/s_θ and x' = (x − m_x)/s_x, with means and
 * standard deviations (divisor n − 1) of the training pairs; a constant column gets s = 1.
 * The density of θ follows as q(θ | x) = q'(θ' | x') / Π s_θ. Columns of x found to carry nothing about θ
 * ({@link DataScreen}) may be ignored: their x' is 0 whatever x holds. Positive columns spread over decades
 * ({@link LogScale}) may be read on the log scale: x' = (ln x − m)/s, m and s the moments of ln x, and a value
 * ≤ 0 there is refused. Where x is a set of exchangeable rows ({@link RowsLayout}) its rows may be put in canonical
 * order before anything else, the columns then being those of the ordered x, and may be followed by the rows' mean
 * and covariance ({@link RowsLayout#moments}): the scores then have more x columns than x has values, the network
 * reading {@link #inputWidth} of them. Where θ has a declared
 * {@link ParameterSymmetry}, the estimator may have been fitted to θ folded by it: these scores record the symmetry
 * ({@link #foldingTheta}), and the posterior symmetrises its draws and its density by it.
 */
public final class Standardization {
    private final double[] thetaMean;
    private final double[] thetaSd;
    private final double[] xMean;
    private final double[] xSd;
    /** 0-based, increasing; empty when every column is read. */
    private final int[] ignoredX;
    /** 0-based, increasing; the x columns read on the log scale, their mean and sd those of ln x. */
    private final int[] loggedX;
    /** Values per row where x's rows are put in canonical order first; 0 where x is read in the order given. */
    private final int rowWidth;
    /** Whether the ordered rows are followed by their moments ({@link RowsLayout#moments}); only with rows. */
    private final boolean rowMoments;
    /** The symmetry the training θ were folded by, or null where θ was fitted as given. */
    private final ParameterSymmetry thetaSymmetry;

    private Standardization(double[] thetaMean, double[] thetaSd, double[] xMean, double[] xSd, int[] ignoredX,
                            int[] loggedX, int rowWidth, boolean rowMoments, ParameterSymmetry thetaSymmetry) {
        this.thetaMean = thetaMean;
        this.thetaSd = thetaSd;
        this.xMean = xMean;
        this.xSd = xSd;
        this.ignoredX = ignoredX;
        this.loggedX = loggedX;
        this.rowWidth = rowWidth;
        this.rowMoments = rowMoments;
        this.thetaSymmetry = thetaSymmetry;
    }

    /** Validates and copies: finite means, finite SDs &gt; 0, matching lengths. */
    public static Standardization of(double[] thetaMean, double[] thetaSd, double[] xMean, double[] xSd) {
        check("theta", thetaMean, thetaSd);
        check("x", xMean, xSd);
        return new Standardization(thetaMean.clone(), thetaSd.clone(), xMean.clone(), xSd.clone(), new int[0],
                new int[0], 0, false, null);
    }

    /**
     * The same scores, the 0-based x columns {@code columns} ignored (scored 0); they must be increasing, within
     * x's columns, and leave at least one column read.
     */
    public Standardization ignoringX(int[] columns) {
        if (columns == null) {
            throw new IllegalArgumentException("the ignored x columns are missing (null)");
        }
        if (columns.length >= xMean.length) {
            throw new IllegalArgumentException(columns.length + " of " + xMean.length + " x columns ignored;"
                    + " at least one must be read");
        }
        requireColumns("ignored", columns);
        return new Standardization(thetaMean, thetaSd, xMean, xSd, columns.clone(), loggedX, rowWidth,
                rowMoments, thetaSymmetry);
    }

    /**
     * The same scores with the 0-based x columns {@code columns} (increasing, within x's columns) read on the log
     * scale, their means and SDs already those of ln x (as a model file stores them).
     */
    public Standardization loggingX(int[] columns) {
        if (columns == null) {
            throw new IllegalArgumentException("the log-scale x columns are missing (null)");
        }
        requireColumns("log-scale", columns);
        return new Standardization(thetaMean, thetaSd, xMean, xSd, ignoredX, columns.clone(), rowWidth,
                rowMoments, thetaSymmetry);
    }

    /**
     * The same scores with the 0-based x columns {@code columns} (none read on the log scale yet) read on the log
     * scale, their means and SDs refitted to ln x over {@code rows}, where every value must be positive.
     */
    public Standardization loggingX(int[] columns, double[][] x, int[] rows) {
        if (loggedX.length > 0) {
            throw new IllegalStateException("x columns " + Arrays.toString(loggedX) + " are read on the log scale"
                    + " already");
        }
        requireColumns("log-scale", columns);
        double[][] logs = new double[x.length][];
        for (int r : rows) {
            logs[r] = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                double v = x[r][columns[k]];
                if (!(v > 0)) {
                    throw new IllegalArgumentException("x column " + (columns[k] + 1) + " of row " + (r + 1) + " is "
                            + v + "; a column read on the log scale must be positive");
                }
                logs[r][k] = Math.log(v);
            }
        }
        double[][] m = moments(logs, rows);
        double[] mean = xMean.clone();
        double[] sd = xSd.clone();
        for (int k = 0; k < columns.length; k++) {
            mean[columns[k]] = m[0][k];
            sd[columns[k]] = m[1][k];
        }
        return new Standardization(thetaMean, thetaSd, mean, sd, ignoredX, columns.clone(), rowWidth, rowMoments,
                thetaSymmetry);
    }

    /**
     * The same scores with x's rows of {@code width} values put in canonical order ({@link RowsLayout#canonical})
     * before they are scored, followed by their moments where {@code moments} says so: the scores must be those of x
     * so ordered (fitted on ordered rows, or as a model file stores them), the last {@link RowsLayout#momentCount} of
     * them those of the moments where they follow, the others two or more rows of {@code width}.
     */
    public Standardization sortingRows(int width, boolean moments) {
        if (moments && width > RowsLayout.MOMENTS_MAX_WIDTH) {
            throw new IllegalArgumentException("the moments of rows of " + width + " values: rows of at most "
                    + RowsLayout.MOMENTS_MAX_WIDTH + " are read with their moments");
        }
        int rowValues = width < 1 ? -1 : xMean.length - (moments ? RowsLayout.momentCount(width) : 0);
        if (width < 1 || rowValues % width != 0 || rowValues / width < 2) {
            throw new IllegalArgumentException("x's " + xMean.length + " columns are not two or more rows of " + width
                    + " values" + (moments ? " followed by their " + RowsLayout.momentCount(width) + " moments" : ""));
        }
        return new Standardization(thetaMean, thetaSd, xMean, xSd, ignoredX, loggedX, width, moments, thetaSymmetry);
    }

    /** Whether x's ordered rows are followed by their moments ({@link #sortingRows}). */
    public boolean rowMoments() {
        return rowMoments;
    }

    /** How many values an x these scores read holds: the columns less the rows' moments where they follow. */
    public int dataLength() {
        return xMean.length - (rowMoments ? RowsLayout.momentCount(rowWidth) : 0);
    }

    /** How many values the network reads for one x: every column, the rows' moments included. */
    public int inputWidth() {
        return xMean.length;
    }

    /**
     * The same scores, recording that the estimator was fitted to θ folded by {@code symmetry}
     * ({@link ParameterSymmetry#fold}; the θ scores those of the folded θ), so that its posterior symmetrises; null
     * records none. The symmetry must act on θ's columns.
     */
    public Standardization foldingTheta(ParameterSymmetry symmetry) {
        if (symmetry != null && symmetry.dim() != thetaMean.length) {
            throw new IllegalArgumentException("the symmetry acts on " + symmetry.dim() + " parameters; these scores"
                    + " have " + thetaMean.length + " θ columns");
        }
        return new Standardization(thetaMean, thetaSd, xMean, xSd, ignoredX, loggedX, rowWidth, rowMoments, symmetry);
    }

    /** The symmetry the training θ were folded by ({@link #foldingTheta}); null where θ was fitted as given. */
    public ParameterSymmetry thetaSymmetry() {
        return thetaSymmetry;
    }

    /** Values per row where x's rows are put in canonical order before scoring ({@link #sortingRows}); else 0. */
    public int rowWidth() {
        return rowWidth;
    }

    private void requireColumns(String what, int[] columns) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0 || columns[i] >= xMean.length || (i > 0 && columns[i] <= columns[i - 1])) {
                throw new IllegalArgumentException(what + " x columns " + Arrays.toString(columns) + ": expected"
                        + " increasing columns between 0 and " + (xMean.length - 1));
            }
        }
    }

    /** The 0-based x columns read on the log scale, increasing; empty when none is. */
    public int[] loggedX() {
        return loggedX.clone();
    }

    /** The 0-based x columns scored 0 whatever they hold, increasing; empty when every column is read. */
    public int[] ignoredX() {
        return ignoredX.clone();
    }

    /** Column means and SDs of the rows {@code theta[i]}, {@code x[i]} for i in {@code rows}. */
    public static Standardization fit(double[][] theta, double[][] x, int[] rows) {
        double[][] t = moments(theta, rows);
        double[][] d = moments(x, rows);
        return new Standardization(t[0], t[1], d[0], d[1], new int[0], new int[0], 0, false, null);
    }

    /**
     * The same θ scores with x left as it is (mean 0, sd 1, no column on the log scale), for a summary network that
     * scales x itself.
     */
    public Standardization withIdentityX() {
        double[] sd = new double[xMean.length];
        Arrays.fill(sd, 1.0);
        return new Standardization(thetaMean, thetaSd, new double[xMean.length], sd, ignoredX, new int[0], 0,
                false, thetaSymmetry);
    }

    private static double[][] moments(double[][] values, int[] rows) {
        int dim = values[rows[0]].length;
        double[] mean = new double[dim];
        double[] sd = new double[dim];
        for (int r : rows) {
            for (int j = 0; j < dim; j++) {
                mean[j] += values[r][j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= rows.length;
        }
        for (int r : rows) {
            for (int j = 0; j < dim; j++) {
                double dev = values[r][j] - mean[j];
                sd[j] += dev * dev;
            }
        }
        for (int j = 0; j < dim; j++) {
            double s = rows.length > 1 ? Math.sqrt(sd[j] / (rows.length - 1)) : 0;
            // A constant column carries no information; leave it unscaled rather than divide by 0.
            sd[j] = s > 0 && Double.isFinite(s) ? s : 1.0;
        }
        return new double[][] {mean, sd};
    }

    private static void check(String what, double[] mean, double[] sd) {
        if (mean == null || sd == null) {
            throw new IllegalArgumentException(what + ": the means or standard deviations are missing (null)");
        }
        if (mean.length != sd.length || mean.length == 0) {
            throw new IllegalArgumentException(what + ": " + mean.length + " means and " + sd.length
                    + " standard deviations, expected the same positive number");
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !(sd[i] > 0) || !Double.isFinite(sd[i])) {
                throw new IllegalArgumentException(what + " column " + (i + 1) + ": mean " + mean[i] + ", sd " + sd[i]
                        + "; expected a finite mean and a finite sd > 0");
            }
        }
    }

    public double[] thetaMean() {
        return thetaMean.clone();
    }

    public double[] thetaSd() {
        return thetaSd.clone();
    }

    public double[] xMean() {
        return xMean.clone();
    }

    public double[] xSd() {
        return xSd.clone();
    }

    /**
     * Checks that these scores have one θ column per parameter of {@code task} and one x column per data value, as
     * a posterior rebuilt from a model file must; otherwise an IllegalArgumentException giving both shapes.
     */
    public void requireColumnsOf(Task task) {
        if (thetaMean.length != task.parameterDim() || dataLength() != task.dataDim()) {
            throw new IllegalArgumentException("standardisation has " + thetaMean.length + " θ and " + dataLength()
                    + " x columns" + (rowMoments ? " (and " + (xMean.length - dataLength()) + " of their rows'"
                    + " moments)" : "") + "; task " + task.name() + " has " + task.parameterDim() + " and "
                    + task.dataDim());
        }
    }

    /** Σ log s_θ, the log-Jacobian from standardised to original θ. */
    public double logThetaScale() {
        double s = 0;
        for (double v : thetaSd) {
            s += Math.log(v);
        }
        return s;
    }

    public double[] standardizeTheta(double[] theta) {
        return z(theta, thetaMean, thetaSd);
    }

    /**
     * x' for an observation x; an IllegalArgumentException naming the column where a column read on the log scale
     * (and not ignored) holds a value ≤ 0, which no training pair held.
     */
    public double[] standardizeX(double[] given) {
        return standardizeColumns(columns(given));
    }

    /**
     * The columns these scores read for an observation x of {@link #dataLength} values: x itself, its rows in
     * canonical order where these scores put them so ({@link #sortingRows}), followed by their moments where these
     * scores read them.
     */
    public double[] columns(double[] x) {
        if (x.length != dataLength()) {
            throw new IllegalArgumentException("x has " + x.length + " values; these scores read " + dataLength());
        }
        double[] ordered = ordered(x);
        return rowMoments ? RowsLayout.withMoments(ordered, rowWidth) : ordered;
    }

    /**
     * x' for the {@link #columns} of an observation (as the training pairs hold them); an IllegalArgumentException
     * naming the column where a column read on the log scale (and not ignored) holds a value ≤ 0, which no training
     * pair held.
     */
    public double[] standardizeColumns(double[] x) {
        int unreadable = unreadableColumn(x);
        if (unreadable >= 0) {
            throw new IllegalArgumentException(columnName(unreadable) + " is " + x[unreadable] + "; this estimator"
                    + " reads it on the log scale (every training value was positive) and cannot take a"
                    + " value <= 0 (a model trained with --no-log-scale, Npe.withLogScale(false), reads it as it is)");
        }
        double[] c = z(x, xMean, xSd);
        for (int j : loggedX) {
            c[j] = x[j] > 0 ? (Math.log(x[j]) - xMean[j]) / xSd[j] : 0;
        }
        for (int j : ignoredX) {
            c[j] = 0;
        }
        return c;
    }

    /** The 0-based column {@code j} of {@link #columns} as a user knows it: an x value, or a moment of the rows. */
    private String columnName(int j) {
        int data = dataLength();
        return j < data ? "x value " + (j + 1) + (rowWidth > 0 ? " (x's rows put in canonical order)" : "")
                : "the rows' moment " + RowsLayout.momentNames(rowWidth).get(j - data) + " (a variance is 0 where"
                + " every row holds the same value)";
    }

    /**
     * Names of the {@link #columns} these scores read, given x's own {@code dataNames}: those names (of x's rows
     * in canonical order where they are so put), then the rows' {@link RowsLayout#momentNames} where they follow.
     */
    public List<String> columnNames(List<String> dataNames) {
        if (!rowMoments) {
            return dataNames;
        }
        List<String> names = new ArrayList<>(dataNames);
        names.addAll(RowsLayout.momentNames(rowWidth));
        return List.copyOf(names);
    }

    /** {@code x} with its rows in canonical order where these scores put them so ({@link #sortingRows}); else x. */
    private double[] ordered(double[] x) {
        return rowWidth == 0 || RowsLayout.inCanonicalOrder(x, rowWidth) ? x : RowsLayout.canonical(x, rowWidth);
    }

    /**
     * The first 0-based column of an observation's {@link #columns} (as the training pairs hold them) that these
     * scores cannot read: one read on the log scale, not ignored, holding a value ≤ 0; −1 where every column can be
     * read.
     */
    public int unreadableColumn(double[] columns) {
        for (int j : loggedX) {
            if (!(columns[j] > 0) && Arrays.binarySearch(ignoredX, j) < 0) {
                return j;
            }
        }
        return -1;
    }

    /** θ = m_θ + s_θ·θ', in place. */
    public void unstandardizeTheta(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = thetaMean[i] + thetaSd[i] * values[i];
        }
    }

    private static double[] z(double[] v, double[] mean, double[] sd) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean[i]) / sd[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(thetaMean, s.thetaMean)
                && Arrays.equals(thetaSd, s.thetaSd) && Arrays.equals(xMean, s.xMean) && Arrays.equals(xSd, s.xSd)
                && Arrays.equals(ignoredX, s.ignoredX) && Arrays.equals(loggedX, s.loggedX) && rowWidth == s.rowWidth
                && rowMoments == s.rowMoments
                && Objects.equals(thetaSymmetry, s.thetaSymmetry);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(thetaMean) ^ Arrays.hashCode(thetaSd) * 31 ^ Arrays.hashCode(xMean) * 17
                ^ Arrays.hashCode(xSd) ^ (ignoredX.length == 0 ? 0 : Arrays.hashCode(ignoredX) * 7)
                ^ (loggedX.length == 0 ? 0 : Arrays.hashCode(loggedX) * 13) ^ rowWidth * 101 ^ (rowMoments ? 107 : 0)
                ^ (thetaSymmetry == null ? 0 : thetaSymmetry.hashCode() * 103);
    }

    @Override
    public String toString() {
        return "Standardization[thetaMean=" + Arrays.toString(thetaMean) + ", thetaSd=" + Arrays.toString(thetaSd)
                + ", xMean=" + Arrays.toString(xMean) + ", xSd=" + Arrays.toString(xSd)
                + (ignoredX.length == 0 ? "" : ", ignoredX=" + Arrays.toString(ignoredX))
                + (loggedX.length == 0 ? "" : ", loggedX=" + Arrays.toString(loggedX))
                + (rowWidth == 0 ? "" : ", rowWidth=" + rowWidth) + (rowMoments ? ", rowMoments" : "")
                + (thetaSymmetry == null ? "" : ", thetaSymmetry=" + thetaSymmetry.texts()) + "]";
    }
}
