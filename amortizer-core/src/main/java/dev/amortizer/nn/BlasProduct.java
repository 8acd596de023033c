package dev.amortizer.nn;

import java.lang.ref.Reference;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * y = x·W + b for many rows through ND4J's BLAS (OpenBLAS dgemm). ND4J costs tens of microseconds per call whatever
 * the size, so this pays only for large blocks: {@link DenseLayer} sends it blocks of at least {@value #MIN_ROWS}
 * rows of wide enough layers, which is what a query of thousands of draws is made of. Arrays cross into ND4J in bulk
 * through its NIO view: ND4J's own {@code double[]} constructor copies element by element, which cost more than the
 * product itself.
 */
final class BlasProduct {
    /** Fewer rows than this stay in plain Java. */
    static final int MIN_ROWS = 256;
    /** Layers with fewer weights than this stay in plain Java. */
    static final int MIN_WEIGHTS = 512;

    private BlasProduct() {
    }

    static boolean worthIt(int rows, int in, int out) {
        return rows >= MIN_ROWS && (long) in * out >= MIN_WEIGHTS;
    }

    static double[][] affine(double[][] x, int from, int to, double[][] w, double[] b) {
        return toRows(affineInPlace(rows(x, from, to, w.length), w, b));
    }

    /**
     * A whole ReLU network on rows {@code from} until {@code to} of {@code x}: every layer in ND4J, so the rows cross
     * into and out of it once. Agrees with the layer-by-layer path up to the order of floating-point sums.
     */
    static double[][] reluNetwork(double[][] x, int from, int to, DenseLayer[] layers) {
        INDArray h = rows(x, from, to, layers[0].inputDim());
        for (int l = 0; l < layers.length; l++) {
            h = affineInPlace(h, layers[l].weights(), layers[l].bias());
            if (l < layers.length - 1) {
                Transforms.relu(h, false);
            }
        }
        return toRows(h);
    }

    private static INDArray affineInPlace(INDArray x, double[][] w, double[] b) {
        int in = w.length;
        int out = b.length;
        double[] flatW = new double[in * out];
        for (int i = 0; i < in; i++) {
            System.arraycopy(w[i], 0, flatW, i * out, out);
        }
        INDArray y = x.mmul(fromFlat(flatW, in, out));
        y.addiRowVector(fromFlat(b, 1, out));
        return y;
    }

    /** The first {@code in} columns of rows {@code from} until {@code to}. */
    private static INDArray rows(double[][] x, int from, int to, int in) {
        int rows = to - from;
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, rows, in);
        DoubleBuffer view = view(a);
        for (int r = 0; r < rows; r++) {
            view.put(x[from + r], 0, in);
        }
        return a;
    }

    private static double[][] toRows(INDArray y) {
        int rows = (int) y.rows();
        int out = (int) y.columns();
        DoubleBuffer view = view(y);
        double[][] result = new double[rows][out];
        for (int r = 0; r < rows; r++) {
            view.get(result[r]);
        }
        // The NIO view does not keep y alive: without this fence the JIT may let y be collected mid-loop, and
        // ND4J's deallocator then frees the memory being read (a SIGSEGV seen in DeepSets training).
        Reference.reachabilityFence(y);
        return result;
    }

    /** A rows × cols C-order array holding {@code flat}. */
    private static INDArray fromFlat(double[] flat, int rows, int cols) {
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, rows, cols);
        view(a).put(flat);
        return a;
    }

    /** A view of {@code a}'s memory that does not keep {@code a} alive: fence {@code a} until the view is done. */
    private static DoubleBuffer view(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }
}
