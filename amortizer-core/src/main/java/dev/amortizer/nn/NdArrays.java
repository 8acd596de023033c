package dev.amortizer.nn;

import java.lang.ref.Reference;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves the networks' {@code double[][]} rows into and out of ND4J in bulk, for {@link BlasProduct} and
 * {@link BlasGradient}. It goes through ND4J's NIO view of an array's memory: ND4J's own {@code double[]}
 * constructor copies element by element, which cost more than the product itself.
 */
final class NdArrays {
    private NdArrays() {
    }

    /** The first {@code cols} columns of rows {@code from} until {@code to} of {@code x}, as a C-order matrix. */
    static INDArray rows(double[][] x, int from, int to, int cols) {
        int rows = to - from;
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, rows, cols);
        DoubleBuffer view = view(a);
        for (int r = 0; r < rows; r++) {
            view.put(x[from + r], 0, cols);
        }
        Reference.reachabilityFence(a);
        return a;
    }

    /** W as an in × out C-order matrix. */
    static INDArray matrix(double[][] w, int cols) {
        return rows(w, 0, w.length, cols);
    }

    /** A 1 × length row vector holding {@code v}. */
    static INDArray rowVector(double[] v) {
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, 1, v.length);
        view(a).put(v);
        Reference.reachabilityFence(a);
        return a;
    }

    /** A matrix's rows as Java arrays. */
    static double[][] toRows(INDArray product) {
        INDArray y = contiguous(product);
        int rows = (int) y.rows();
        int cols = (int) y.columns();
        DoubleBuffer view = view(y);
        double[][] result = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            view.get(result[r]);
        }
        // The NIO view does not keep y alive: without this fence the JIT may let y be collected mid-loop, and
        // ND4J's deallocator then frees the memory being read (a SIGSEGV seen in DeepSets training).
        Reference.reachabilityFence(y);
        return result;
    }

    /** dst[r][c] += a[r][c] for every entry of the C-order matrix {@code a}; dst has at least a's rows and columns. */
    static void addInto(INDArray product, double[][] dst) {
        INDArray a = contiguous(product);
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        DoubleBuffer view = view(a);
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            double[] d = dst[r];
            view.get(row);
            for (int c = 0; c < cols; c++) {
                d[c] += row[c];
            }
        }
        Reference.reachabilityFence(a);
    }

    /** {@code a} itself when its memory is one C-order block, which a bulk read needs; otherwise a C-order copy. */
    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    /** A view of {@code a}'s memory that does not keep {@code a} alive: fence {@code a} until the view is done. */
    private static DoubleBuffer view(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }
}
