package dev.amortizer.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * y = x·W + b for many rows through ND4J's BLAS (OpenBLAS dgemm). ND4J costs tens of microseconds per call whatever
 * the size, so this pays only for large blocks: {@link ComputeBackend#AUTO} and {@link ComputeBackend#CLASSIC} send it
 * blocks of at least {@value #MIN_ROWS} rows of wide enough layers, which is what a query of thousands of draws is
 * made of; {@link ComputeBackend#ND4J} sends it every block. Rows cross into ND4J through {@link NdArrays}.
 */
final class BlasProduct {
    /** Fewer rows than this stay in plain Java. */
    static final int MIN_ROWS = 256;
    /** Layers with fewer weights than this stay in plain Java. */
    static final int MIN_WEIGHTS = 512;

    private BlasProduct() {
    }

    /** The forward threshold measured before the seam existed: the one AUTO and CLASSIC apply. */
    static boolean worthIt(int rows, int in, int out) {
        return rows >= MIN_ROWS && (long) in * out >= MIN_WEIGHTS;
    }

    static double[][] affine(double[][] x, int from, int to, double[][] w, double[] b) {
        try (MemoryWorkspace ignored = NdArrays.scope()) {
            return NdArrays.toRows(affine(NdArrays.rows(x, from, to, w.length), w, b));
        }
    }

    /**
     * A whole ReLU network on rows {@code from} until {@code to} of {@code x}: every layer in ND4J, so the rows cross
     * into and out of it once. Agrees with the layer-by-layer path up to the order of floating-point sums.
     */
    static double[][] reluNetwork(double[][] x, int from, int to, DenseLayer[] layers) {
        try (MemoryWorkspace ignored = NdArrays.scope()) {
            INDArray h = NdArrays.rows(x, from, to, layers[0].inputDim());
            for (int l = 0; l < layers.length; l++) {
                h = affine(h, layers[l].weights(), layers[l].bias());
                if (l < layers.length - 1) {
                    Transforms.relu(h, false);
                }
            }
            return NdArrays.toRows(h);
        }
    }

    /**
     * x·W + b, the product by one dgemm into a preallocated C-order array: the same dgemm call, and so the same bits,
     * as {@code x.mmul(W)}, which costs several times more around it.
     */
    private static INDArray affine(INDArray x, double[][] w, double[] b) {
        INDArray y = NdArrays.uninitialized(x.rows(), b.length);
        Nd4j.gemm(x, NdArrays.matrix(w, b.length), y, false, false, 1.0, 0.0);
        y.addiRowVector(NdArrays.rowVector(b));
        return y;
    }
}
