package dev.amortizer.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * y = x·W + b for many rows through ND4J's BLAS (OpenBLAS dgemm). ND4J costs tens of microseconds per call whatever
 * the size, so this pays only for large blocks: {@link DenseLayer} sends it blocks of at least {@value #MIN_ROWS}
 * rows of wide enough layers, which is what a query of thousands of draws is made of.
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
        int rows = to - from;
        int in = w.length;
        int out = b.length;
        double[] flatX = new double[rows * in];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x[from + r], 0, flatX, r * in, in);
        }
        double[] flatW = new double[in * out];
        for (int i = 0; i < in; i++) {
            System.arraycopy(w[i], 0, flatW, i * out, out);
        }
        INDArray a = Nd4j.create(flatX, new long[] {rows, in}, DataType.DOUBLE);
        INDArray m = Nd4j.create(flatW, new long[] {in, out}, DataType.DOUBLE);
        INDArray y = a.mmul(m);
        y.addiRowVector(Nd4j.create(b, new long[] {1, out}, DataType.DOUBLE));
        double[] flatY = y.data().asDouble();
        double[][] result = new double[rows][out];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flatY, r * out, result[r], 0, out);
        }
        return result;
    }
}
